import type { UserEvent, UserRole, UserStatus } from '@chat/contracts';
import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { buildUserEvent, type NewUserEvent, toStoredUserEvent } from '../events/user-event.ts';
import type { UserRow } from './user.model.ts';
import { USER_SQL } from './user.queries.ts';

export interface ProfilePatch {
  nickname?: string;
  profileImageUrl?: string | null;
  statusMessage?: string | null;
}

/**
 * The queries of users.users, on the database or on one transaction (`on` is either). Only `on`
 * is used: inside a transaction on PGlite (one connection) anything else would wait for the
 * transaction to end. The SQL lives in user.queries.ts; values are always bound.
 */
function userQueries(on: SqlExecutor) {
  const one = async (text: string, params: readonly unknown[]): Promise<UserRow | null> =>
    (await on.query<UserRow>(text, params)).rows[0] ?? null;
  const findById = (id: number) => one(USER_SQL.findById, [id]);

  return {
    /** Null when the email is taken (the unique index decides, so concurrent signups are safe too). */
    insert(input: { email: string; nickname: string; role: UserRole }): Promise<UserRow | null> {
      return one(USER_SQL.insert, [input.email, input.nickname, input.role]);
    },

    findById,

    findByEmail(email: string): Promise<UserRow | null> {
      return one(USER_SQL.findByEmail, [email]);
    },

    async findByIds(ids: readonly number[]): Promise<UserRow[]> {
      if (ids.length === 0) return [];
      return (await on.query<UserRow>(USER_SQL.findByIds, [[...new Set(ids)]])).rows;
    },

    /** Changes the fields the patch names (`null` clears one); the row as it is after. */
    updateProfile(id: number, patch: ProfilePatch): Promise<UserRow | null> {
      const { nickname, profileImageUrl, statusMessage } = patch;
      if (nickname === undefined && profileImageUrl === undefined && statusMessage === undefined) {
        return findById(id);
      }
      return one(USER_SQL.updateProfile, [
        id,
        nickname ?? null,
        profileImageUrl !== undefined,
        profileImageUrl ?? null,
        statusMessage !== undefined,
        statusMessage ?? null,
      ]);
    },

    /** Sets the status; returns the row and the status it had, or null for an unknown id. */
    async setStatus(id: number, status: UserStatus): Promise<{ row: UserRow; oldStatus: UserStatus } | null> {
      const { rows } = await on.query<UserRow & { old_status: UserStatus }>(USER_SQL.setStatus, [id, status]);
      const first = rows[0];
      if (!first) return null;
      const { old_status: oldStatus, ...row } = first;
      return { row, oldStatus };
    },

    setRole(id: number, role: UserRole): Promise<UserRow | null> {
      return one(USER_SQL.setRole, [id, role]);
    },

    /** The deleted row, or null when there was none. */
    delete(id: number): Promise<UserRow | null> {
      return one(USER_SQL.delete, [id]);
    },

    async markSeen(id: number): Promise<void> {
      await on.query(USER_SQL.markSeen, [id]);
    },
  };
}

/** The user queries bound to one transaction, plus what only makes sense inside one. */
function transactionQueries(tx: SqlExecutor) {
  return {
    ...userQueries(tx),

    /**
     * Reads the row and locks it until the transaction ends, so that a change computed from it
     * ("did the nickname change?") cannot race another transaction changing the same user.
     */
    async lockById(id: number): Promise<UserRow | null> {
      return (await tx.query<UserRow>(USER_SQL.lockById, [id])).rows[0] ?? null;
    },

    /**
     * Adds the event to the outbox, committed (or rolled back) with the change it announces;
     * the relay appends it to the log after the commit. Call it after the statement that
     * changed (and so locked) the user's row: the outbox id is then taken in the order of the
     * user's changes, which is the order the relay appends them in.
     */
    async recordEvent(partial: NewUserEvent, occurredAt?: number): Promise<UserEvent> {
      const event = buildUserEvent(partial, occurredAt);
      const stored = toStoredUserEvent(event);
      await tx.query(USER_SQL.recordEvent, [
        stored.event_id,
        stored.user_id,
        stored.type,
        stored.payload,
        stored.request_id,
      ]);
      return event;
    },
  };
}

export type UserTransaction = ReturnType<typeof transactionQueries>;

/** Every query of the users.users table, and transactions that also write user events. */
export function createUserRepository(db: SqlDatabase) {
  return {
    ...userQueries(db),

    /**
     * Runs `fn` in one transaction: commit when it resolves, roll back when it throws. Use only
     * the repository `fn` is given inside it (never this one, nor `db`: on PGlite they would
     * wait for the transaction, which holds the one connection). Kick the relay after it.
     */
    transaction<T>(fn: (tx: UserTransaction) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(transactionQueries(tx)));
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
