import autocannon from 'autocannon';
import { RawStomp } from '../lib/raw-stomp.ts';
import { jsonPost, signupMany } from '../lib/server-process.ts';
import { percentiles } from '../lib/stats.ts';

export interface RestResult {
  requestsPerSec: number;
  latency: Record<string, number>;
  non2xx: number;
  errors: number;
  seconds: number;
  /** Mean response body size: proof the responses carry real pages, not empty lists. */
  bytesPerResponse: number;
}

interface Seeded {
  users: { userId: number; token: string }[];
  roomsOf: number[][];
}

/**
 * Users in groups of 10 sharing rooms with message history, like a real account: each user
 * is in 5 rooms of 100 messages.
 */
export async function seed(url: string, wsUrl: string, userCount: number, tag: string): Promise<Seeded> {
  const users = await signupMany(url, userCount, tag);
  const roomsOf: number[][] = users.map(() => []);
  const rooms: { id: number; owner: number }[] = [];
  for (let r = 0; r < userCount / 2; r++) {
    const members = Array.from({ length: 10 }, (_, j) => (r * 3 + j * 7) % userCount);
    const unique = [...new Set(members)];
    const owner = unique[0]!;
    const room = await jsonPost<{ id: number }>(
      url,
      '/api/rooms/group',
      { name: `room ${r}`, memberIds: unique.slice(1).map((m) => users[m]!.userId) },
      users[owner]!.token,
    );
    rooms.push({ id: room.id, owner });
    for (const m of unique) roomsOf[m]!.push(room.id);
  }
  // 100 messages per room, sent over STOMP by each room's owner, waiting for every receipt.
  const byOwner = new Map<number, number[]>();
  for (const r of rooms) byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r.id]);
  await Promise.all(
    [...byOwner].map(async ([owner, ids]) => {
      const c = await RawStomp.connect(wsUrl, users[owner]!.token);
      let pending = 0;
      let done: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      c.onFrame = (f) => {
        if (f.command === 'RECEIPT' && --pending === 0) done();
      };
      for (const id of ids) {
        for (let i = 0; i < 100; i++) {
          pending++;
          c.send(
            '/app/chat.send',
            JSON.stringify({ roomId: id, content: `history message ${i} in room ${id}` }),
            `r${id}-${i}`,
          );
        }
      }
      await finished;
      c.close();
    }),
  );
  await awaitStored(
    url,
    rooms.map((r) => ({ id: r.id, token: users[r.owner]!.token })),
  );
  return { users, roomsOf };
}

/** Receipts mean durable in the log; waits until every room's history holds its 100 messages. */
async function awaitStored(url: string, rooms: { id: number; token: string }[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const room of rooms) {
    for (;;) {
      const res = await fetch(`${url}/api/rooms/${room.id}/messages?afterSeq=99&size=1`, {
        headers: { authorization: `Bearer ${room.token}` },
      });
      if (((await res.json()) as { messages?: unknown[] }).messages?.length === 1) break;
      if (Date.now() > deadline) throw new Error(`room ${room.id}: seeded messages not stored within 60 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The original's REST load test: concurrent clients each cycling through the room list, a
 * room's detail and a page of its messages, as a user opening the app would.
 */
export async function runRestLoad(
  url: string,
  data: Seeded,
  connections: number,
  seconds: number,
): Promise<RestResult> {
  let next = 0;
  const latencies: number[] = [];
  const pick = (context: Record<string, unknown>) => {
    if (context.user === undefined) {
      const u = next++ % data.users.length;
      const rooms = data.roomsOf[u]!;
      context.user = u;
      context.room = rooms[next % rooms.length];
    }
    return { token: data.users[context.user as number]!.token, room: context.room as number };
  };
  const withAuth =
    (path: (room: number) => string) => (req: autocannon.Request, context: Record<string, unknown>) => {
      const { token, room } = pick(context);
      return { ...req, method: 'GET', path: path(room), headers: { authorization: `Bearer ${token}` } };
    };
  // Without a callback autocannon returns its tracker: an EventEmitter that is also a promise.
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      { setupRequest: withAuth(() => '/api/rooms') },
      { setupRequest: withAuth((room) => `/api/rooms/${room}`) },
      { setupRequest: withAuth((room) => `/api/rooms/${room}/messages?size=20`) },
    ] as autocannon.Request[],
  }) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  return {
    requestsPerSec: result.requests.total / result.duration,
    latency: percentiles(latencies),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
  };
}
