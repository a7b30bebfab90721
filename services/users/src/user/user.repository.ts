import type { UserRole, UserStatus } from '@chat/contracts';
import type { SqlDatabase } from '@chat/platform';
import { type Kysely, sql } from 'kysely';
import type { UserRow } from './user.model.ts';

interface UsersDb {
  users: UserRow;
}

export interface ProfilePatch {
  nickname?: string;
  profileImageUrl?: string | null;
  statusMessage?: string | null;
}

/** Case-insensitive email as the unique index stores it (`lower(email) collate "C"`). */
const emailKey = sql`lower(email) collate "C"`;

/** Every query of the users.users table. Values are always bound, never spliced into SQL. */
export function createUserRepository(db: SqlDatabase) {
  const k = db.kysely.withSchema('users') as unknown as Kysely<UsersDb>;
  const users = () => k.selectFrom('users').selectAll();

  return {
    /** Null when the email is taken (the unique index decides, so concurrent signups are safe too). */
    async insert(input: { email: string; nickname: string; role: UserRole }): Promise<UserRow | null> {
      const { rows } = await db.query<UserRow>(
        `insert into users.users (email, nickname, role) values ($1, $2, $3)
         on conflict do nothing returning *`,
        [input.email, input.nickname, input.role],
      );
      return rows[0] ?? null;
    },

    async findById(id: number): Promise<UserRow | null> {
      return (await users().where('id', '=', id).executeTakeFirst()) ?? null;
    },

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
      if (Object.keys(set).length === 0) return this.findById(id);
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
      const { rows } = await db.query<UserRow & { old_status: UserStatus }>(
        `with old as (select id, status from users.users where id = $1 for update)
         update users.users u set status = $2, updated_at = now()
         from old where u.id = old.id
         returning u.*, old.status as old_status`,
        [id, status],
      );
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

export type UserRepository = ReturnType<typeof createUserRepository>;
