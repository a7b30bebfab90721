import type { UserEvent, UserRole, UserStatus } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { type Generated, type Kysely, sql } from 'kysely';
import { buildUserEvent, type NewUserEvent, toStoredUserEvent } from '../events/user-event.ts';
import type { UserRow } from './user.model.ts';

interface OutboxTable {
  id: Generated<number>;
  event_id: string;
  user_id: number;
  type: string;
  payload: string;
  created_at: Generated<Date>;
}

interface UsersDb {
  users: UserRow;
  outbox: OutboxTable;
}

export interface ProfilePatch {
  nickname?: string;
  profileImageUrl?: string | null;
  statusMessage?: string | null;
}

/** Case-insensitive email as the unique index stores it (`lower(email) collate "C"`). */
const emailKey = sql`lower(email) collate "C"`;

/**
 * The queries of users.users, on the database or on one transaction (`k` is either). Only `k`
 * is used, never `db.query`: inside a transaction on PGlite (one connection) anything else
 * would wait for the transaction to end. Values are always bound, never spliced into SQL.
 */
function userQueries(k: Kysely<UsersDb>) {
  const users = () => k.selectFrom('users').selectAll();
  const findById = async (id: number): Promise<UserRow | null> =>
    (await users().where('id', '=', id).executeTakeFirst()) ?? null;

  return {
    /** Null when the email is taken (the unique index decides, so concurrent signups are safe too). */
    async insert(input: { email: string; nickname: string; role: UserRole }): Promise<UserRow | null> {
      const { rows } = await sql<UserRow>`insert into users.users (email, nickname, role)
        values (${input.email}, ${input.nickname}, ${input.role})
        on conflict do nothing returning *`.execute(k);
      return rows[0] ?? null;
    },

    findById,

    async findByEmail(email: string): Promise<UserRow | null> {
      const row = await users().where(emailKey, '=', sql`lower(${email})`).executeTakeFirst();
      return row ?? null;
    },

    async findByIds(ids: readonly number[]): Promise<UserRow[]> {
      if (ids.length === 0) return [];
      return users()
        .where('id', 'in', [...new Set(ids)])
        .execute();
    },

    async updateProfile(id: number, patch: ProfilePatch): Promise<UserRow | null> {
      const set: Partial<Record<keyof UserRow, unknown>> = {};
      if (patch.nickname !== undefined) set.nickname = patch.nickname;
      if (patch.profileImageUrl !== undefined) set.profile_image_url = patch.profileImageUrl;
      if (patch.statusMessage !== undefined) set.status_message = patch.statusMessage;
      if (Object.keys(set).length === 0) return findById(id);
      const row = await k
        .updateTable('users')
        .set({ ...set, updated_at: sql`now()` } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },

    /** Sets the status; returns the row and the status it had, or null for an unknown id. */
    async setStatus(id: number, status: UserStatus): Promise<{ row: UserRow; oldStatus: UserStatus } | null> {
      const { rows } = await sql<UserRow & { old_status: UserStatus }>`
        with old as (select id, status from users.users where id = ${id} for update)
        update users.users u set status = ${status}, updated_at = now()
        from old where u.id = old.id
        returning u.*, old.status as old_status`.execute(k);
      const first = rows[0];
      if (!first) return null;
      const { old_status: oldStatus, ...row } = first;
      return { row, oldStatus };
    },

    async setRole(id: number, role: UserRole): Promise<UserRow | null> {
      const row = await k
        .updateTable('users')
        .set({ role, updated_at: sql`now()` } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },

    /** The deleted row, or null when there was none. */
    async delete(id: number): Promise<UserRow | null> {
      const row = await k.deleteFrom('users').where('id', '=', id).returningAll().executeTakeFirst();
      return row ?? null;
    },

    async markSeen(id: number): Promise<void> {
      await k
        .updateTable('users')
        .set({ last_seen_at: sql`now()` } as never)
        .where('id', '=', id)
        .execute();
    },
  };
}

/** The user queries bound to one transaction, plus what only makes sense inside one. */
function transactionQueries(trx: Kysely<UsersDb>) {
  return {
    ...userQueries(trx),

    /**
     * Reads the row and locks it until the transaction ends, so that a change computed from it
     * ("did the nickname change?") cannot race another transaction changing the same user.
     */
    async lockById(id: number): Promise<UserRow | null> {
      const row = await trx
        .selectFrom('users')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ?? null;
    },

    /**
     * Adds the event to the outbox, committed (or rolled back) with the change it announces;
     * the relay appends it to the log after the commit. Call it after the statement that
     * changed (and so locked) the user's row: the outbox id is then taken in the order of the
     * user's changes, which is the order the relay appends them in.
     */
    async recordEvent(partial: NewUserEvent, occurredAt?: number): Promise<UserEvent> {
      const event = buildUserEvent(partial, occurredAt);
      await trx.insertInto('outbox').values(toStoredUserEvent(event)).execute();
      return event;
    },
  };
}

export type UserTransaction = ReturnType<typeof transactionQueries>;

/** Every query of the users.users table, and transactions that also write user events. */
export function createUserRepository(db: SqlDatabase) {
  const k = db.kysely.withSchema('users') as unknown as Kysely<UsersDb>;
  return {
    ...userQueries(k),

    /**
     * Runs `fn` in one transaction: commit when it resolves, roll back when it throws. Use only
     * the repository `fn` is given inside it (never this one, nor `db`: on PGlite they would
     * wait for the transaction, which holds the one connection). Kick the relay after it.
     */
    transaction<T>(fn: (tx: UserTransaction) => Promise<T>): Promise<T> {
      return k.transaction().execute((trx) => fn(transactionQueries(trx)));
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
