import { createHash, randomUUID } from 'node:crypto';
import type { SessionRevokedNotice, UserAccount, UsersClient } from '@chat/contracts';
import { Errors, type SqlDatabase } from '@chat/platform';
import type { Principal, Revocations, TokenSigner } from '@chat/security';
import type { SessionRepository } from './session.repository.ts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime, seconds. */
  expiresIn: number;
}

export interface ClientMeta {
  userAgent?: string | undefined;
  clientIp?: string | undefined;
}

export interface SessionDeps {
  db: SqlDatabase;
  repo: SessionRepository;
  signer: TokenSigner;
  revocations: Revocations;
  users: UsersClient;
  /** Tells every node that tokens stopped working (chat ends the matching STOMP sessions). */
  notify?: (notice: SessionRevokedNotice) => Promise<void>;
  now?: () => number;
}

/** Refresh tokens are stored as their SHA-256 only. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions and their tokens: opening one per login, rotating the refresh token on every use
 * (a reused token revokes the whole session), logout, and revoking every session of a user.
 */
export function createSessionService(deps: SessionDeps) {
  const { db, repo, signer, revocations, users } = deps;
  const now = deps.now ?? Date.now;
  const expiry = (expSec: number) => new Date(expSec * 1000);

  const access = async (user: UserAccount, sid: string) =>
    signer.signAccess({ userId: user.id, email: user.email, role: user.role, sid });

  const notify = (notice: SessionRevokedNotice) => deps.notify?.(notice).catch(() => undefined);

  async function revokeSession(userId: number, sid: string, reason: string): Promise<void> {
    await repo.revokeSession(db, sid, reason);
    await revocations.revokeSession(sid);
    await notify({ userId, sid, reason });
  }

  return {
    /** A new session for a user who just proved their password. */
    async open(user: UserAccount, meta: ClientMeta = {}): Promise<TokenPair> {
      const sid = randomUUID();
      const refresh = await signer.signRefresh({ userId: user.id, sid });
      await db.transaction(async (tx) => {
        await repo.insertSession(tx, {
          id: sid,
          userId: user.id,
          expiresAt: expiry(refresh.exp),
          userAgent: meta.userAgent?.slice(0, 256) ?? null,
          clientIp: meta.clientIp ?? null,
        });
        await repo.insertRefreshToken(tx, {
          hash: hashToken(refresh.token),
          sessionId: sid,
          expiresAt: expiry(refresh.exp),
        });
      });
      const token = await access(user, sid);
      return { accessToken: token.token, refreshToken: refresh.token, expiresIn: signer.accessTtlSec };
    },

    /** Exchanges a refresh token for a new pair. Any problem is 401; reuse also revokes the session. */
    async rotate(refreshToken: string): Promise<{ user: UserAccount; tokens: TokenPair }> {
      const claims = await signer.verifyRefresh(refreshToken).catch(() => {
        throw Errors.invalidRefreshToken();
      });
      const user = await users.getUser(claims.userId);
      if (user?.status !== 'ACTIVE') {
        await revokeSession(claims.userId, claims.sid, user ? `status:${user.status}` : 'deleted');
        throw Errors.invalidRefreshToken();
      }
      const next = await signer.signRefresh({ userId: user.id, sid: claims.sid });
      const outcome = await db.transaction(async (tx) => {
        const claim = await repo.claimRefreshToken(tx, hashToken(refreshToken));
        if (claim.kind === 'unknown' || claim.sessionId !== claims.sid) return 'invalid' as const;
        if (claim.kind === 'reused') {
          await repo.revokeSession(tx, claim.sessionId, 'refresh-token-reuse');
          return 'reused' as const;
        }
        const session = await repo.getSession(tx, claim.sessionId);
        if (!session || session.revoked_at || session.expires_at.getTime() <= now())
          return 'invalid' as const;
        await repo.insertRefreshToken(tx, {
          hash: hashToken(next.token),
          sessionId: session.id,
          expiresAt: expiry(next.exp),
        });
        await repo.touchSession(tx, session.id, expiry(next.exp));
        return 'rotated' as const;
      });
      if (outcome === 'reused') {
        await revocations.revokeSession(claims.sid);
        await notify({ userId: claims.userId, sid: claims.sid, reason: 'refresh-token-reuse' });
        throw Errors.refreshTokenReused();
      }
      if (outcome === 'invalid') throw Errors.invalidRefreshToken();
      const token = await access(user, claims.sid);
      users.markSeen(user.id).catch(() => undefined);
      return {
        user,
        tokens: { accessToken: token.token, refreshToken: next.token, expiresIn: signer.accessTtlSec },
      };
    },

    /** Ends the caller's session only: its refresh tokens and every access token of it. */
    async logout(principal: Principal): Promise<void> {
      await repo.revokeSession(db, principal.sid, 'logout');
      await revocations.revokeSession(principal.sid);
      await revocations.revokeToken(principal.jti, principal.exp);
      await notify({ userId: principal.userId, sid: principal.sid, reason: 'logout' });
    },

    revokeSession,

    /** The user's live sessions, most recently used first. */
    list: (userId: number, limit: number) => repo.listUserSessions(userId, limit),

    /**
     * Ends one session of the user (the sessions list's revoke): its refresh tokens and every
     * access token of it, at once. False when the user has no such live session.
     */
    async revokeOwn(userId: number, sid: string): Promise<boolean> {
      if (!(await repo.revokeUserSession(userId, sid, 'revoked-by-user'))) return false;
      await revocations.revokeSession(sid);
      await notify({ userId, sid, reason: 'revoked-by-user' });
      return true;
    },

    /** Ends every session of the user but `keepSid` (password change); how many it ended. */
    async revokeOthers(userId: number, keepSid: string, reason: string): Promise<number> {
      const ids = await repo.revokeOtherSessions(userId, keepSid, reason);
      for (const sid of ids) {
        await revocations.revokeSession(sid);
        await notify({ userId, sid, reason });
      }
      return ids.length;
    },

    /** Every session of the user, and every access token issued up to `atMs`. */
    async revokeUser(userId: number, atMs: number, reason: string): Promise<number> {
      await revocations.revokeUser(userId, atMs);
      const ids = await repo.revokeUserSessions(userId, reason);
      await notify({ userId, beforeMs: Math.max(0, Math.floor(atMs)), reason });
      return ids.length;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
