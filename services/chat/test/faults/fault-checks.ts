// What a fault suite checks once the load is drained: history against every SEND attempt,
// dead letters, the chat nodes' processes. Each check returns its findings as counts, so a
// failing run says how many messages were lost, doubled or dead-lettered, and where.
import { partitionFor } from '@chat/platform';
import type { ChatNode, Message } from '../cluster.ts';
import { delay } from '../cluster.ts';
import { allHistory, api, type TestUser } from '../harness.ts';
import type { Attempt } from './load-client.ts';

export interface RoomFindings {
  roomId: number;
  partition: number;
  history: number;
  receipted: number;
  /** Receipted, not in history. */
  lost: string[];
  /** Receipted, in history more than once. */
  doubled: string[];
  /** In history, never sent by anyone. */
  neverSent: string[];
  /** Seqs that are not 1..n in order. */
  seqGaps: number;
  /** Unkeyed attempts that got no RECEIPT but are in history (the client sent the message again). */
  unreceiptedStored: string[];
}

/** Waits (bounded) until every room's last seq reaches its count of receipted messages. */
export async function drained(
  url: string,
  reader: TestUser,
  receipted: readonly Attempt[],
  rooms: readonly number[],
  timeoutMs = 30_000,
): Promise<boolean> {
  const expected = new Map(rooms.map((r) => [r, receipted.filter((a) => a.roomId === r).length]));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let done = true;
    for (const roomId of rooms) {
      const res = await api<{ messages: Message[] }>(
        url,
        'GET',
        `/api/rooms/${roomId}/messages?size=1`,
        reader.token,
      );
      if (res.status !== 200 || (res.body.messages[0]?.seq ?? 0) < expected.get(roomId)!) done = false;
    }
    if (done) return true;
    if (Date.now() > deadline) return false;
    await delay(200);
  }
}

/** History of each room against the attempts of every client (keyed by messageKey, unkeyed by content). */
export async function examineHistory(
  url: string,
  reader: TestUser,
  rooms: readonly number[],
  partitions: number,
  attempts: readonly Attempt[],
): Promise<RoomFindings[]> {
  const out: RoomFindings[] = [];
  for (const roomId of rooms) {
    const history = await allHistory(url, reader, roomId);
    const sent = attempts.filter((a) => a.roomId === roomId);
    const receipted = sent.filter((a) => a.outcome === 'receipt');
    const byKey = count(history.map((m) => m.messageKey));
    const byContent = count(history.map((m) => m.content));
    const keys = new Set(sent.flatMap((a) => (a.messageKey ? [a.messageKey] : [])));
    const unkeyed = new Set(sent.flatMap((a) => (a.messageKey ? [] : [a.content])));
    const stored = (a: Attempt) => (a.messageKey ? byKey.get(a.messageKey) : byContent.get(a.content)) ?? 0;
    out.push({
      roomId,
      partition: partitionFor(`room.${roomId}`, partitions),
      history: history.length,
      receipted: receipted.length,
      lost: receipted.filter((a) => stored(a) === 0).map((a) => a.content),
      doubled: receipted.filter((a) => stored(a) > 1).map((a) => a.content),
      neverSent: history
        .filter((m) => !keys.has(m.messageKey) && !unkeyed.has(m.content))
        .map((m) => `${m.seq}:${m.content}`),
      seqGaps: history.filter((m, i) => m.seq !== i + 1).length,
      unreceiptedStored: sent
        .filter((a) => !a.messageKey && a.outcome !== 'receipt' && stored(a) > 0)
        .map((a) => a.content),
    });
  }
  return out;
}

function count(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

export interface DeadLetterSummary {
  topic: string;
  group: string;
  partition: number;
  error: string;
}

/** Dead letters of every consumer group the node knows, through the admin API. */
export async function deadLetters(node: ChatNode, adminToken: string): Promise<DeadLetterSummary[]> {
  const res = await api<{ deadLetters: DeadLetterSummary[] }>(
    node.url,
    'GET',
    '/api/admin/dead-letters?limit=1000',
    adminToken,
  );
  if (res.status !== 200)
    throw new Error(`dead letters of ${node.name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.deadLetters.map(({ topic, group, partition, error }) => ({
    topic,
    group,
    partition,
    error,
  }));
}

/** The findings in numbers, a line per room, for a test's diagnostics. */
export function summarize(rooms: readonly RoomFindings[]): string[] {
  return rooms.map(
    (r) =>
      `room ${r.roomId} (p${r.partition}): history ${r.history}, receipted ${r.receipted}, lost ${r.lost.length}, ` +
      `doubled ${r.doubled.length}, never sent ${r.neverSent.length}, seq gaps ${r.seqGaps}, ` +
      `unreceipted stored ${r.unreceiptedStored.length}`,
  );
}
