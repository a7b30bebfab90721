/**
 * The SQL of session.repository.ts (auth.sessions, auth.refresh_tokens). Parameters are always
 * bound. Snapshot: services/auth/sql/session.sql (`UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots`).
 */
export const SESSION_SQL = {
  /** $1 id, $2 user, $3 expires at, $4 user agent, $5 client ip. */
  insertSession: `
    insert into auth.sessions (id, user_id, expires_at, user_agent, client_ip) values ($1, $2, $3, $4, $5)`,

  /** $1 token hash, $2 session, $3 expires at. */
  insertRefreshToken:
    'insert into auth.refresh_tokens (token_hash, session_id, expires_at) values ($1, $2, $3)',

  /** $1 token hash: marks it used; no row when it was used already (or is unknown). */
  claimRefreshToken: `
    update auth.refresh_tokens set used_at = now()
     where token_hash = $1 and used_at is null
    returning session_id`,

  /** $1 token hash. */
  refreshTokenSession: 'select session_id from auth.refresh_tokens where token_hash = $1',

  /** $1 id. */
  getSession: 'select id, user_id, expires_at, revoked_at from auth.sessions where id = $1',

  /** $1 id, $2 new expiry. */
  touchSession: 'update auth.sessions set last_used_at = now(), expires_at = $2 where id = $1',

  /** $1 id, $2 reason: no row changes when it was revoked already. */
  revokeSession: `
    update auth.sessions set revoked_at = now(), revoked_reason = $2
     where id = $1 and revoked_at is null`,

  /** $1 user, $2 reason: the ids of the sessions it revoked. */
  revokeUserSessions: `
    update auth.sessions set revoked_at = now(), revoked_reason = $2
     where user_id = $1 and revoked_at is null
    returning id`,

  /** $1 user, $2 at most: the user's live sessions, most recently used first. */
  listUserSessions: `
    select id, created_at, last_used_at, user_agent from auth.sessions
     where user_id = $1 and revoked_at is null and expires_at > now()
     order by last_used_at desc, id
     limit $2`,

  /** $1 id, $2 user, $3 reason: no row changes unless it is a live session of that user. */
  revokeUserSession: `
    update auth.sessions set revoked_at = now(), revoked_reason = $3
     where id = $1 and user_id = $2 and revoked_at is null and expires_at > now()`,

  /** $1 user, $2 the session to keep, $3 reason: the ids of the sessions it revoked. */
  revokeOtherSessions: `
    update auth.sessions set revoked_at = now(), revoked_reason = $3
     where user_id = $1 and id <> $2 and revoked_at is null
    returning id`,

  /** $1 user. */
  deleteUserSessions: 'delete from auth.sessions where user_id = $1',

  /** $1 cutoff. */
  purgeRefreshTokens: 'delete from auth.refresh_tokens where expires_at < $1',

  /** $1 cutoff. */
  purgeSessions: 'delete from auth.sessions where expires_at < $1',
} as const;
