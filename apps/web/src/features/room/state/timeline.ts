// A room's messages as plain data: ordered by seq, deduplicated by id, with the gaps that a
// reconnect or a missed frame leaves, and the pending sends (optimistic, keyed by messageKey).
// Framework-free: components only render it.
import type { Message } from '../../../lib/wire.ts';

export type PendingStatus = 'pending' | 'failed';

export interface PendingMessage {
  readonly messageKey: string;
  readonly roomId: number;
  readonly content: string;
  /** When the user pressed send (epoch ms). */
  readonly createdAt: number;
  readonly status: PendingStatus;
}

export interface Timeline {
  /** Confirmed messages, ascending seq, no two with the same id or seq. */
  readonly messages: readonly Message[];
  /** Sent but not yet seen back from the server, in send order. */
  readonly pending: readonly PendingMessage[];
  /** More history above the oldest loaded message. */
  readonly hasMore: boolean;
}

export const emptyTimeline: Timeline = { messages: [], pending: [], hasMore: true };

/** Merges messages from any source (history page, live frame, gap fill) into the timeline. */
export function addMessages(t: Timeline, incoming: readonly Message[]): Timeline {
  if (incoming.length === 0) return t;
  const byId = new Map<number, Message>();
  for (const m of t.messages) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  const bySeq = new Map<number, Message>();
  for (const m of byId.values()) bySeq.set(m.seq, m);
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const keys = new Set(incoming.map((m) => m.messageKey));
  const pending = t.pending.filter((p) => !keys.has(p.messageKey));
  return { ...t, messages, pending };
}

/** An older history page (newest first on the wire) arrived. */
export function addOlder(t: Timeline, page: readonly Message[], hasMore: boolean): Timeline {
  return { ...addMessages(t, page), hasMore };
}

export function lastSeq(t: Timeline): number {
  return t.messages.at(-1)?.seq ?? 0;
}

/** The cursor for the next older page (`id < cursor`), or undefined for the newest page. */
export function olderCursor(t: Timeline): number | undefined {
  return t.messages[0]?.id;
}

/**
 * The seq after which messages are missing (to fetch with `afterSeq`), or null when the loaded
 * messages are contiguous. A live frame that jumps ahead leaves such a gap.
 */
export function gapAfterSeq(t: Timeline): number | null {
  for (let i = 1; i < t.messages.length; i++) {
    const prev = t.messages[i - 1]!;
    if (t.messages[i]!.seq !== prev.seq + 1) return prev.seq;
  }
  return null;
}

/**
 * Where catch-up after a reconnect starts (`afterSeq`): a gap, else the newest message; 0 in a
 * room whose history loaded empty (a message may have come while offline); null while the first
 * page is still loading (it brings the newest messages itself).
 */
export function catchUpAfter(t: Timeline): number | null {
  if (t.messages.length > 0) return gapAfterSeq(t) ?? lastSeq(t);
  return t.hasMore ? null : 0;
}

export function addPending(t: Timeline, p: Omit<PendingMessage, 'status'>): Timeline {
  if (t.messages.some((m) => m.messageKey === p.messageKey)) return t;
  const rest = t.pending.filter((x) => x.messageKey !== p.messageKey);
  return { ...t, pending: [...rest, { ...p, status: 'pending' }] };
}

export function setPendingStatus(t: Timeline, messageKey: string, status: PendingStatus): Timeline {
  if (!t.pending.some((p) => p.messageKey === messageKey)) return t;
  return { ...t, pending: t.pending.map((p) => (p.messageKey === messageKey ? { ...p, status } : p)) };
}

export function dropPending(t: Timeline, messageKey: string): Timeline {
  return { ...t, pending: t.pending.filter((p) => p.messageKey !== messageKey) };
}
