import type { SqlDatabase, SqlExecutor } from '@chat/platform';

/** auth.credentials: one password hash per user id. */
export function createCredentialRepository(db: SqlDatabase) {
  return {
    async get(userId: number): Promise<string | null> {
      const { rows } = await db.query<{ password_hash: string }>(
        'select password_hash from auth.credentials where user_id = $1',
        [userId],
      );
      return rows[0]?.password_hash ?? null;
    },

    /** Inserts or replaces the hash. */
    async put(userId: number, passwordHash: string, on: SqlExecutor = db): Promise<void> {
      await on.query(
        `insert into auth.credentials (user_id, password_hash) values ($1, $2)
         on conflict (user_id) do update set password_hash = excluded.password_hash, updated_at = now()`,
        [userId, passwordHash],
      );
    },

    /** Replaces the hash only if it is still `previous` (a rehash racing a password change loses). */
    async replace(userId: number, previous: string, next: string): Promise<void> {
      await db.query(
        'update auth.credentials set password_hash = $3, updated_at = now() where user_id = $1 and password_hash = $2',
        [userId, previous, next],
      );
    },

    async delete(userId: number): Promise<void> {
      await db.query('delete from auth.credentials where user_id = $1', [userId]);
    },
  };
}

export type CredentialRepository = ReturnType<typeof createCredentialRepository>;
