/**
 * The SQL of revocation.repository.ts (auth.revocations). Parameters are always bound.
 * Snapshot: services/auth/sql/revocation.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const REVOCATION_SQL = {
  /** $1 key, $2 value, $3 expires at: keeps the greater value and expiry; the value kept. */
  save: `
    insert into auth.revocations (key, value, expires_at) values ($1, $2, $3)
    on conflict (key) do update
      set value = greatest(auth.revocations.value, excluded.value),
          expires_at = greatest(auth.revocations.expires_at, excluded.expires_at)
    returning value::text as value`,

  /** $1 keys: the live ones among them. */
  get: `
    select key, value::text as value from auth.revocations
     where key = any($1::text[]) and expires_at > now()`,

  /** Every live entry. */
  live: 'select key, value::text as value, expires_at from auth.revocations where expires_at > now()',

  purgeExpired: 'delete from auth.revocations where expires_at < now()',
} as const;
