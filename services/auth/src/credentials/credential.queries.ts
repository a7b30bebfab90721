/**
 * The SQL of credential.repository.ts (auth.credentials). Parameters are always bound.
 * Snapshot: services/auth/sql/credential.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const CREDENTIAL_SQL = {
  /** $1 user. */
  get: 'select password_hash from auth.credentials where user_id = $1',

  /** $1 user, $2 hash: inserts or replaces. */
  put: `
    insert into auth.credentials (user_id, password_hash) values ($1, $2)
    on conflict (user_id) do update set password_hash = excluded.password_hash, updated_at = now()`,

  /** $1 user, $2 the hash it must still have, $3 the new hash. */
  replace: `
    update auth.credentials set password_hash = $3, updated_at = now()
     where user_id = $1 and password_hash = $2`,

  /** $1 user. */
  delete: 'delete from auth.credentials where user_id = $1',
} as const;
