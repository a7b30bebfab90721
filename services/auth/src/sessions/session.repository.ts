import type { SqlDatabase, SqlExecutor } from '@chat/platform';

export interface SessionRow {
  id: string;
  user_id: number;
  expires_at: Date;
  revoked_at: Date | null;
}

/** What presenting a refresh token finds. */
export type RefreshClaim =
  | { kind: 'claimed'; sessionId: string }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'unknown' };

/** auth.sessions and auth.refresh_tokens. Executors are passed in so callers can group statements. */
export function createSessionRepository(db: SqlDatabase) {
  return {
    async insertSession(
      on: SqlExecutor,
      s: { id: string; userId: number; expiresAt: Date; userAgent: string | null; clientIp: string | null },
    ): Promise<void> {
      await on.query(
        `insert into auth.sessions (id, user_id, expires_at, user_agent, client_ip) values ($1, $2, $3, $4, $5)`,
        [s.id, s.userId, s.expiresAt, s.userAgent, s.clientIp],
      );
    },

    async insertRefreshToken(
      on: SqlExecutor,
      t: { hash: string; sessionId: string; expiresAt: Date },
    ): Promise<void> {
      await on.query(
        'insert into auth.refresh_tokens (token_hash, session_id, expires_at) values ($1, $2, $3)',
        [t.hash, t.sessionId, t.expiresAt],
      );
    },

    /** Marks the token used, atomically: of two concurrent uses exactly one is 'claimed'. */
    async claimRefreshToken(on: SqlExecutor, hash: string): Promise<RefreshClaim> {
      const claimed = await on.query<{ session_id: string }>(
        `update auth.refresh_tokens set used_at = now()
          where token_hash = $1 and used_at is null returning session_id`,
        [hash],
      );
      const row = claimed.rows[0];
      if (row) return { kind: 'claimed', sessionId: row.session_id };
      const used = await on.query<{ session_id: string }>(
        'select session_id from auth.refresh_tokens where token_hash = $1',
        [hash],
      );
      const usedRow = used.rows[0];
      return usedRow ? { kind: 'reused', sessionId: usedRow.session_id } : { kind: 'unknown' };
    },

    async getSession(on: SqlExecutor, id: string): Promise<SessionRow | null> {
      const { rows } = await on.query<SessionRow>(
        'select id, user_id, expires_at, revoked_at from auth.sessions where id = $1',
        [id],
      );
      return rows[0] ?? null;
    },

    async touchSession(on: SqlExecutor, id: string, expiresAt: Date): Promise<void> {
      await on.query('update auth.sessions set last_used_at = now(), expires_at = $2 where id = $1', [
        id,
        expiresAt,
      ]);
    },

    /** True when this call revoked it (false: unknown or already revoked). */
    async revokeSession(on: SqlExecutor, id: string, reason: string): Promise<boolean> {
      const { rowCount } = await on.query(
        `update auth.sessions set revoked_at = now(), revoked_reason = $2 where id = $1 and revoked_at is null`,
        [id, reason],
      );
      return rowCount > 0;
    },

    /** Revokes every live session of the user; returns their ids. */
    async revokeUserSessions(userId: number, reason: string): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `update auth.sessions set revoked_at = now(), revoked_reason = $2
          where user_id = $1 and revoked_at is null returning id`,
        [userId, reason],
      );
      return rows.map((r) => r.id);
    },

    async deleteUserSessions(userId: number): Promise<void> {
      await db.query('delete from auth.sessions where user_id = $1', [userId]);
    },

    /** Removes refresh tokens and sessions that expired more than `graceMs` ago. */
    async purgeExpired(graceMs: number): Promise<number> {
      const before = new Date(Date.now() - graceMs);
      const tokens = await db.query('delete from auth.refresh_tokens where expires_at < $1', [before]);
      const sessions = await db.query('delete from auth.sessions where expires_at < $1', [before]);
      return tokens.rowCount + sessions.rowCount;
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
