import type { ChangeCommand, ChangeKind } from '@chat/contracts';
import type { AppError, SqlDatabase } from '@chat/platform';
import { type ChangeTarget, type ChangeWindows, refusal } from './change-rules.ts';
import { MESSAGE_CHANGE_SQL as SQL } from './message.queries.ts';
import type { MessageRow, MessageSlice } from './message.repository.ts';

/** A change as applied: the room's change_seq it took and the message's state after it. */
export interface AppliedChange {
  changeSeq: number;
  kind: ChangeKind;
  row: MessageRow;
}

/**
 * The outcome of applying a change record: applied (now or by an earlier replay), refused, or
 * nothing to change (a reaction already as asked: no changeSeq taken, nothing to tell).
 */
export type ChangeOutcome = { applied: AppliedChange } | { refused: AppError } | { unchanged: true };

/** Stored messages' changes (edit, unsend) and the changes catch-up. SQL: message.queries.ts. */
export function createMessageChangeRepository(db: SqlDatabase) {
  return {
    /** The message a change would target (not locked): for the rules at accept time. */
    async target(roomId: number, messageId: number): Promise<ChangeTarget | undefined> {
      const { rows } = await db.query<ChangeTarget>(SQL.target, [messageId, roomId]);
      return rows[0];
    },

    /**
     * Applies one change record in one transaction, idempotent on (actor, changeKey): a replay
     * finds its row and answers with the message's current state at the change_seq it took,
     * never a second change. The rules are checked again on the locked row, at `acceptedAt`.
     */
    async apply(c: ChangeCommand, windows: ChangeWindows): Promise<ChangeOutcome> {
      return db.transaction(async (tx) => {
        const current = async (changeSeq: number): Promise<ChangeOutcome> => {
          const { rows } = await tx.query<MessageRow>(SQL.byId, [c.messageId]);
          return { applied: { changeSeq, kind: c.kind, row: rows[0]! } };
        };
        const done = await tx.query<{ change_seq: number }>(SQL.applied, [c.actorId, c.changeKey]);
        if (done.rows[0]) return current(done.rows[0].change_seq);
        const target = (await tx.query<ChangeTarget>(SQL.lockTarget, [c.messageId, c.roomId])).rows[0];
        const refused = refusal(c.kind, target, c.actorId, c.acceptedAt, windows, c);
        if (refused) return { refused };
        const wanted = c.reaction ?? null;
        if (c.kind === 'REACTED') {
          const had = (await tx.query<{ reaction: string }>(SQL.reactionOf, [c.messageId, c.actorId]))
            .rows[0];
          if ((had?.reaction ?? null) === wanted) return { unchanged: true };
        }
        const { rows } = await tx.query<{ last_change_seq: number }>(SQL.nextChangeSeq, [c.roomId]);
        const changeSeq = rows[0]!.last_change_seq;
        if (c.kind === 'EDITED') await tx.query(SQL.edit, [c.messageId, changeSeq, c.content ?? '']);
        else if (c.kind === 'UNSENT') {
          await tx.query(SQL.dropReactions, [c.messageId]);
          await tx.query(SQL.unsend, [c.messageId, changeSeq]);
        } else {
          if (wanted === null) await tx.query(SQL.removeReaction, [c.messageId, c.actorId]);
          else await tx.query(SQL.setReaction, [c.messageId, c.actorId, wanted]);
          await tx.query(SQL.summarizeReactions, [c.messageId, changeSeq]);
        }
        await tx.query(SQL.record, [c.actorId, c.changeKey, c.roomId, c.messageId, changeSeq, c.kind]);
        return current(changeSeq);
      });
    },

    /** Changed messages with change_seq > `after`, in change order; one extra row tells whether there is more. */
    async changedAfter(roomId: number, after: number, size: number): Promise<MessageSlice> {
      const { rows } = await db.query<MessageRow>(SQL.changedAfter, [roomId, after, size + 1]);
      return { rows: rows.slice(0, size), hasMore: rows.length > size };
    },

    /** "Delete for me": hides a message of the room from the user's view (again: no effect). */
    async hide(userId: number, roomId: number, messageId: number): Promise<void> {
      await db.query(SQL.hide, [userId, roomId, messageId]);
    },

    /** The ids of the room's messages the user hid. */
    async hiddenIn(userId: number, roomId: number): Promise<Set<number>> {
      const { rows } = await db.query<{ message_id: number }>(SQL.hiddenIn, [userId, roomId]);
      return new Set(rows.map((r) => r.message_id));
    },

    /** The room's change counter (0 before any change). */
    async lastChangeSeq(roomId: number): Promise<number> {
      const { rows } = await db.query<{ last_change_seq: number }>(SQL.lastChangeSeq, [roomId]);
      return rows[0]?.last_change_seq ?? 0;
    },
  };
}

export type MessageChangeRepository = ReturnType<typeof createMessageChangeRepository>;
