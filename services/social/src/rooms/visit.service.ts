import { recordEvent } from '../events/outbox.ts';
import type { RoomDeps } from './room-deps.ts';

/**
 * Counts `visitorId`'s visit to `ownerId`'s room (which exists): the first of the day (Asia/Seoul)
 * only, never the owner's own. The unique (owner, day, visitor) row decides in PostgreSQL, so
 * concurrent visits on any number of nodes count once; the counters and RoomVisited change in
 * the same transaction, only when the row is new. True when this visit counted.
 */
export async function recordVisit(deps: RoomDeps, ownerId: number, visitorId: number): Promise<boolean> {
  if (ownerId === visitorId) return false;
  const counted = await deps.db.transaction(async (tx) => {
    const day = await deps.visits.record(tx, ownerId, visitorId);
    if (day === null) return false;
    await deps.visits.count(tx, ownerId, day);
    await recordEvent(tx, { type: 'RoomVisited', ownerId, visitorId, day });
    return true;
  });
  if (counted) deps.kick();
  return counted;
}
