// KakaoTalk's per-message unread number, derived (never counted per message): a member has
// not read a message while their read position is below its id. Read positions come from the
// room detail's members and move with `/topic/room.{id}.receipts`; a sender has read their own
// message (the server moves their mark when it stores it), so their messages count as read
// even before a receipt says so. Message ids grow with seq within a room.
import type { Message } from '../../../lib/wire.ts';

/** userId -> last read message id (null: nothing read yet). Members only. */
export type ReadPositions = ReadonlyMap<number, number | null>;

export function fromMembers(members: readonly { userId: number; lastReadMessageId: number | null }[]) {
  return new Map(members.map((m) => [m.userId, m.lastReadMessageId])) as ReadPositions;
}

/** A receipt (or my own read) moves a member's position forward only; non-members are ignored. */
export function applyRead(p: ReadPositions, userId: number, lastReadMessageId: number): ReadPositions {
  if (!p.has(userId)) return p;
  const current = p.get(userId) ?? null;
  if (current !== null && current >= lastReadMessageId) return p;
  const next = new Map(p);
  next.set(userId, lastReadMessageId);
  return next;
}

/**
 * How many members have not read each message (message id -> count). One pass over the
 * messages for what senders have read by sending, then a binary search per message.
 */
export function unreadCounts(p: ReadPositions, messages: readonly Message[]): Map<number, number> {
  const effective = new Map<number, number>();
  for (const [userId, id] of p) effective.set(userId, id ?? 0);
  for (const m of messages) {
    const known = effective.get(m.senderId);
    if (known !== undefined && known < m.id) effective.set(m.senderId, m.id);
  }
  const sorted = [...effective.values()].sort((a, b) => a - b);
  const out = new Map<number, number>();
  for (const m of messages) out.set(m.id, countBelow(sorted, m.id));
  return out;
}

/** Number of values in the ascending array strictly below x. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A fresh room detail, keeping any receipt heard while it was loading (marks only go forward). */
export function mergePositions(fresh: ReadPositions, known: ReadPositions): ReadPositions {
  let out = fresh;
  for (const [userId, id] of known) if (id !== null) out = applyRead(out, userId, id);
  return out;
}
