import type { SqlDatabase, SqlExecutor } from '@chat/platform';
import { SESSION_SQL } from './session.queries.ts';

/** A live session as the owner's list shows it. */
export interface SessionListRow {
  id: string;
  created_at: Date;
  last_used_at: Date;
  user_agent: string | null;
}

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
      await on.query(SESSION_SQL.insertSession, [s.id, s.userId, s.expiresAt, s.userAgent, s.clientIp]);
    },

    async insertRefreshToken(
      on: SqlExecutor,
      t: { hash: string; sessionId: string; expiresAt: Date },
    ): Promise<void> {
      await on.query(SESSION_SQL.insertRefreshToken, [t.hash, t.sessionId, t.expiresAt]);
    },

    /** Marks the token used, atomically: of two concurrent uses exactly one is 'claimed'. */
    async claimRefreshToken(on: SqlExecutor, hash: string): Promise<RefreshClaim> {
      const claimed = await on.query<{ session_id: string }>(SESSION_SQL.claimRefreshToken, [hash]);
      const row = claimed.rows[0];
      if (row) return { kind: 'claimed', sessionId: row.session_id };
      const used = await on.query<{ session_id: string }>(SESSION_SQL.refreshTokenSession, [hash]);
      const usedRow = used.rows[0];
      return usedRow ? { kind: 'reused', sessionId: usedRow.session_id } : { kind: 'unknown' };
    },

    async getSession(on: SqlExecutor, id: string): Promise<SessionRow | null> {
      const { rows } = await on.query<SessionRow>(SESSION_SQL.getSession, [id]);
      return rows[0] ?? null;
    },

    async touchSession(on: SqlExecutor, id: string, expiresAt: Date): Promise<void> {
      await on.query(SESSION_SQL.touchSession, [id, expiresAt]);
    },

    /** True when this call revoked it (false: unknown or already revoked). */
    async revokeSession(on: SqlExecutor, id: string, reason: string): Promise<boolean> {
      const { rowCount } = await on.query(SESSION_SQL.revokeSession, [id, reason]);
      return rowCount > 0;
    },

    /** Revokes every live session of the user; returns their ids. */
    async revokeUserSessions(userId: number, reason: string): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(SESSION_SQL.revokeUserSessions, [userId, reason]);
      return rows.map((r) => r.id);
    },

    async listUserSessions(userId: number, limit: number): Promise<SessionListRow[]> {
      const { rows } = await db.query<SessionListRow>(SESSION_SQL.listUserSessions, [userId, limit]);
      return rows;
    },

    /** True when it was a live session of the user and this call revoked it. */
    async revokeUserSession(userId: number, id: string, reason: string): Promise<boolean> {
      const { rowCount } = await db.query(SESSION_SQL.revokeUserSession, [id, userId, reason]);
      return rowCount > 0;
    },

    /** Revokes every live session of the user but `keep`; returns their ids. */
    async revokeOtherSessions(userId: number, keep: string, reason: string): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(SESSION_SQL.revokeOtherSessions, [
        userId,
        keep,
        reason,
      ]);
      return rows.map((r) => r.id);
    },

    async deleteUserSessions(userId: number): Promise<void> {
      await db.query(SESSION_SQL.deleteUserSessions, [userId]);
    },

    /** Removes refresh tokens and sessions that expired more than `graceMs` ago. */
    /** Refresh tokens and sessions expired more than `graceMs` ago: how many of each went. */
    async purgeExpired(graceMs: number): Promise<{ sessions: number; refreshTokens: number }> {
      const before = new Date(Date.now() - graceMs);
      const tokens = await db.query(SESSION_SQL.purgeRefreshTokens, [before]);
      const sessions = await db.query(SESSION_SQL.purgeSessions, [before]);
      return { sessions: sessions.rowCount, refreshTokens: tokens.rowCount };
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
