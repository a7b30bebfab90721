import { type RawFrame, RawStomp } from '../lib/raw-stomp.ts';
import { jsonPost, machineCpuSeconds, signupMany } from '../lib/server-process.ts';
import { percentiles } from '../lib/stats.ts';

export interface ThroughputOptions {
  url: string;
  wsUrl: string;
  /** Messages per second offered, in steps. */
  rates: readonly number[];
  rooms: number;
  membersPerRoom: number;
  users: number;
  warmupSec: number;
  measureSec: number;
  tag: string;
  /** CPU seconds the server process has used so far, to report CPU per accepted message. */
  serverCpuSeconds?: () => number;
}

export interface ThroughputResult {
  targetRate: number;
  acceptedPerSec: number;
  deliveriesPerSec: number;
  latency: Record<string, number>;
  receiptLatency: Record<string, number>;
  errors: number;
  outstanding: number;
  /** CPU per accepted message in the measured window: the server process, and the machine. */
  serverCpuUsPerMessage: number;
  machineCpuUsPerMessage: number;
}

const CONTENT = '"content":"';

/**
 * Users in rooms of `membersPerRoom`, each connected once and subscribed to all their rooms;
 * every connection sends in turn at a steady total rate with a receipt per SEND. Latency is
 * send -> MESSAGE at a member (the send time rides in the content), measured in this process.
 */
export async function runThroughput(opts: ThroughputOptions): Promise<ThroughputResult[]> {
  const users = await signupMany(opts.url, opts.users, opts.tag);
  const roomsOf = new Map<number, number[]>();
  const roomIds: number[] = [];
  for (let r = 0; r < opts.rooms; r++) {
    const members = Array.from({ length: opts.membersPerRoom }, (_, j) => (r * 7 + j) % users.length);
    const owner = users[members[0]!]!;
    const room = await jsonPost<{ id: number }>(
      opts.url,
      '/api/rooms/group',
      { name: `bench ${r}`, memberIds: members.slice(1).map((m) => users[m]!.userId) },
      owner.token,
    );
    roomIds.push(room.id);
    for (const m of members) roomsOf.set(m, [...(roomsOf.get(m) ?? []), room.id]);
  }

  let deliveries = 0;
  let receipts = 0;
  let errors = 0;
  let measuring = false;
  const latencies: number[] = [];
  const receiptLatencies: number[] = [];
  const sentAt = new Map<string, number>();

  const onFrame = (frame: RawFrame) => {
    if (frame.command === 'MESSAGE') {
      if (frame.headers.destination === '/user/queue/errors') {
        errors++;
        return;
      }
      const at = frame.body.indexOf(CONTENT);
      const ts = Number(frame.body.slice(at + CONTENT.length, frame.body.indexOf('|', at)));
      if (measuring) {
        deliveries++;
        latencies.push(performance.now() - ts);
      }
    } else if (frame.command === 'RECEIPT') {
      const id = frame.headers['receipt-id']!;
      const t = sentAt.get(id);
      sentAt.delete(id);
      if (measuring && t !== undefined) {
        receipts++;
        receiptLatencies.push(performance.now() - t);
      }
    } else if (frame.command === 'ERROR') {
      errors++;
    }
  };

  const conns: RawStomp[] = [];
  for (let i = 0; i < users.length; i += 50) {
    const batch = await Promise.all(
      users.slice(i, i + 50).map(async (u, j) => {
        const c = await RawStomp.connect(opts.wsUrl, u.token);
        const subscribed = new Promise<void>((resolve) => {
          let left = roomsOf.get(i + j)?.length ?? 0;
          if (left === 0) resolve();
          c.onFrame = (f) => {
            if (f.command === 'RECEIPT' && --left === 0) {
              c.onFrame = onFrame;
              resolve();
            }
          };
        });
        for (const roomId of roomsOf.get(i + j) ?? [])
          c.subscribe(`s${roomId}`, `/topic/room.${roomId}`, `sub-${roomId}`);
        await subscribed;
        return c;
      }),
    );
    conns.push(...batch);
  }

  const results: ThroughputResult[] = [];
  let seq = 0;
  const padding = 'x'.repeat(60);
  for (const rate of opts.rates) {
    const tickMs = 10;
    // Paced by the clock, not by timer callbacks (which run late under load): every tick
    // sends what the rate owes since the step started.
    const stepStart = performance.now();
    let sent = 0;
    let turn = 0;
    const timer = setInterval(() => {
      const owed = Math.floor(((performance.now() - stepStart) * rate) / 1000) - sent;
      for (let k = 0; k < owed; k++) {
        sent++;
        const u = turn++ % conns.length;
        const rooms = roomsOf.get(u);
        if (!rooms || rooms.length === 0) continue;
        const roomId = rooms[seq % rooms.length]!;
        const id = `m${++seq}`;
        const now = performance.now();
        sentAt.set(id, now);
        conns[u]!.send('/app/chat.send', `{"roomId":${roomId},"content":"${now}|${padding}"}`, id);
      }
    }, tickMs);
    await new Promise((r) => setTimeout(r, opts.warmupSec * 1000));
    deliveries = 0;
    receipts = 0;
    latencies.length = 0;
    receiptLatencies.length = 0;
    measuring = true;
    const windowStart = performance.now();
    const serverCpuStart = opts.serverCpuSeconds?.() ?? 0;
    const machineCpuStart = machineCpuSeconds();
    await new Promise((r) => setTimeout(r, opts.measureSec * 1000));
    measuring = false;
    const seconds = (performance.now() - windowStart) / 1000;
    const perMessage = (cpu: number) => (receipts > 0 ? (cpu * 1e6) / receipts : 0);
    clearInterval(timer);
    results.push({
      targetRate: rate,
      acceptedPerSec: receipts / seconds,
      deliveriesPerSec: deliveries / seconds,
      latency: percentiles(latencies),
      receiptLatency: percentiles(receiptLatencies),
      errors,
      outstanding: sentAt.size,
      serverCpuUsPerMessage: perMessage((opts.serverCpuSeconds?.() ?? 0) - serverCpuStart),
      machineCpuUsPerMessage: perMessage(machineCpuSeconds() - machineCpuStart),
    });
    // let the backlog drain before the next step
    const drainUntil = performance.now() + 10_000;
    while (sentAt.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 100));
    sentAt.clear();
  }
  for (const c of conns) c.close();
  return results;
}
