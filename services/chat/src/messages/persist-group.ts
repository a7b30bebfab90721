import type { BroadcastMessage, MessageCommand } from '@chat/contracts';
import { GroupCommit } from '@chat/platform';
import { presentBroadcast } from './message.presenter.ts';
import type { MessageRepository, MessageRow } from './message.repository.ts';

/** A batch as stored, in the shape live delivery sends (see PersistResult of the repository). */
export interface PersistedBatch {
  /** Every message of the batch as stored (new and previously stored duplicates), in seq order per room. */
  messages: BroadcastMessage[];
  /** Commands whose room no longer exists (dropped). */
  dropped: MessageCommand[];
}

const MAX_MESSAGES_PER_STATEMENT = 2000;

/** A message's idempotency key (sender, messageKey): the same for its command and its stored row. */
export const keyOf = (m: { senderId: number; messageKey: string }) => `${m.senderId}:${m.messageKey}`;

/**
 * Persists the batches of every partition this node consumes, group-committed: batches that
 * arrive while a statement runs are stored together by the next one. One node consuming 16
 * partitions otherwise runs 16 small statements at a time, and PostgreSQL spends its CPU on
 * per-statement work. Rooms never span partitions, so merged batches touch disjoint rooms and
 * each keeps its order. `afterCommit` (cache invalidation) runs once per statement too.
 * If a merged statement fails, each batch is retried alone, so a bad batch only fails (and
 * is retried or dead-lettered by) its own partition.
 */
export function createGroupPersister(
  messages: MessageRepository,
  afterCommit: (stored: readonly BroadcastMessage[], revealed: RevealedRooms) => Promise<void>,
) {
  const group = new GroupCommit<readonly MessageCommand[], PersistedBatch>(
    async (batches) => {
      const stored = await messages.persistBatch(batches.length === 1 ? batches[0]! : batches.flat());
      const all = { messages: stored.rows.map(presentBroadcast), dropped: stored.dropped };
      await afterCommit(all.messages, revealedRooms(stored.rows));
      return batches.length === 1 ? [all] : batches.map((batch) => shareOf(all, batch));
    },
    { weight: (batch) => batch.length, maxWeight: MAX_MESSAGES_PER_STATEMENT, isolateFailures: true },
  );
  return (commands: readonly MessageCommand[]): Promise<PersistedBatch> => group.submit(commands);
}

/** By room: the members who had hidden it and have it back with the batch's new messages. */
export type RevealedRooms = ReadonlyMap<number, readonly number[]>;

function revealedRooms(rows: readonly MessageRow[]): RevealedRooms {
  const revealed = new Map<number, number[]>();
  for (const row of rows) {
    const roomId = Number(row.room_id);
    if (row.revealed_to?.length && !revealed.has(roomId)) revealed.set(roomId, row.revealed_to.map(Number));
  }
  return revealed;
}

/** The part of a merged result that answers one batch. */
function shareOf(all: PersistedBatch, batch: readonly MessageCommand[]): PersistedBatch {
  const keys = new Set(batch.map(keyOf));
  return {
    messages: all.messages.filter((m) => keys.has(keyOf(m))),
    dropped: all.dropped.filter((c) => keys.has(keyOf(c))),
  };
}
