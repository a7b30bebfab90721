import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { CREDENTIAL_SQL } from './credential.queries.ts';

/** auth.credentials: one password hash per user id. */
export function createCredentialRepository(db: SqlDatabase) {
  return {
    async get(userId: number): Promise<string | null> {
      const { rows } = await db.query<{ password_hash: string }>(CREDENTIAL_SQL.get, [userId]);
      return rows[0]?.password_hash ?? null;
    },

    /** Inserts or replaces the hash. */
    async put(userId: number, passwordHash: string, on: SqlExecutor = db): Promise<void> {
      await on.query(CREDENTIAL_SQL.put, [userId, passwordHash]);
    },

    /** Replaces the hash only if it is still `previous` (a rehash racing a password change loses). */
    async replace(userId: number, previous: string, next: string): Promise<boolean> {
      const { rowCount } = await db.query(CREDENTIAL_SQL.replace, [userId, previous, next]);
      return rowCount > 0;
    },

    async delete(userId: number): Promise<void> {
      await db.query(CREDENTIAL_SQL.delete, [userId]);
    },
  };
}

export type CredentialRepository = ReturnType<typeof createCredentialRepository>;
