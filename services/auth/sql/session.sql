-- The SQL of services/auth/src/sessions/session.queries.ts, statement by statement, as sent ($1, $2, ... are bound values).
-- Written by scripts/sql-snapshots.test.ts; do not edit. After a query change run
-- UPDATE_SQL_SNAPSHOTS=1 npm test -- sql-snapshots and commit this file with the change.

-- SESSION_SQL.insertSession
insert into auth.sessions (id, user_id, expires_at, user_agent, client_ip) values ($1, $2, $3, $4, $5);

-- SESSION_SQL.insertRefreshToken
insert into auth.refresh_tokens (token_hash, session_id, expires_at) values ($1, $2, $3);

-- SESSION_SQL.claimRefreshToken
update auth.refresh_tokens set used_at = now()
 where token_hash = $1 and used_at is null
returning session_id;

-- SESSION_SQL.refreshTokenSession
select session_id from auth.refresh_tokens where token_hash = $1;

-- SESSION_SQL.getSession
select id, user_id, expires_at, revoked_at from auth.sessions where id = $1;

-- SESSION_SQL.touchSession
update auth.sessions set last_used_at = now(), expires_at = $2 where id = $1;

-- SESSION_SQL.revokeSession
update auth.sessions set revoked_at = now(), revoked_reason = $2
 where id = $1 and revoked_at is null;

-- SESSION_SQL.revokeUserSessions
update auth.sessions set revoked_at = now(), revoked_reason = $2
 where user_id = $1 and revoked_at is null
returning id;

-- SESSION_SQL.listUserSessions
select id, created_at, last_used_at, user_agent from auth.sessions
 where user_id = $1 and revoked_at is null and expires_at > now()
 order by last_used_at desc, id
 limit $2;

-- SESSION_SQL.revokeUserSession
update auth.sessions set revoked_at = now(), revoked_reason = $3
 where id = $1 and user_id = $2 and revoked_at is null and expires_at > now();

-- SESSION_SQL.revokeOtherSessions
update auth.sessions set revoked_at = now(), revoked_reason = $3
 where user_id = $1 and id <> $2 and revoked_at is null
returning id;

-- SESSION_SQL.deleteUserSessions
delete from auth.sessions where user_id = $1;

-- SESSION_SQL.purgeRefreshTokens
delete from auth.refresh_tokens where expires_at < $1;

-- SESSION_SQL.purgeSessions
delete from auth.sessions where expires_at < $1;
