import { decodeSessionRevoked, SESSION_REVOKED_CHANNEL, type SessionRevokedNotice } from '@chat/contracts';
import { Errors, type Logger, type PubSub } from '@chat/platform';
import type { StompSession } from '@chat/stomp';
import { endSession } from './stomp-errors.ts';
import type { ChatPrincipal } from './stomp-gateway.ts';

/** How often open sessions are checked against their token's `exp`. */
const EXPIRY_CHECK_MS = 1000;
/** Backstop: how often every open session's token is checked for revocation again. */
const RECHECK_MS = 60_000;

export interface SessionExpiryDeps {
  sessions: () => Iterable<StompSession<ChatPrincipal>>;
  pubsub: PubSub;
  /** The verifier's revocation check (cache, or auth's database when the cache cannot answer). */
  isRevoked: (p: ChatPrincipal) => Promise<boolean>;
  logger: Logger;
  now?: () => number;
}

/**
 * A STOMP session lives no longer than its access token: it ends (ERROR with `code`
 * TOKEN_EXPIRED, then close) once the token's `exp` has passed, and (TOKEN_REVOKED) as soon as
 * auth announces on SESSION_REVOKED_CHANNEL that the token stopped working (logout, refresh
 * reuse, suspension, deletion). A periodic re-check of revocation covers a lost notice.
 */
export function createSessionExpiry(deps: SessionExpiryDeps) {
  const now = deps.now ?? Date.now;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => Promise<void>) | undefined;

  function matches(p: ChatPrincipal, notice: SessionRevokedNotice): boolean {
    if (p.userId !== notice.userId) return false;
    if (notice.sid !== undefined) return p.sid === notice.sid;
    // Whole-second `iat`: same second as the stamp counts as before it (as the verifier does).
    return notice.beforeMs === undefined || p.iat <= Math.floor(notice.beforeMs / 1000);
  }

  function onNotice(payload: string): void {
    let notice: SessionRevokedNotice;
    try {
      notice = decodeSessionRevoked(payload);
    } catch (err) {
      deps.logger.warn({ err }, 'ignored an invalid session-revoked notice');
      return;
    }
    for (const s of [...deps.sessions()])
      if (matches(s.principal, notice)) endSession(s, Errors.tokenRevoked());
  }

  function endExpired(): void {
    const nowSec = now() / 1000;
    for (const s of [...deps.sessions()]) if (s.principal.exp <= nowSec) endSession(s, Errors.tokenExpired());
  }

  async function recheck(): Promise<void> {
    for (const s of [...deps.sessions()]) {
      const revoked = await deps.isRevoked(s.principal).catch(() => false);
      if (revoked) endSession(s, Errors.tokenRevoked());
    }
  }

  return {
    async start() {
      unsubscribe = await deps.pubsub.subscribe(SESSION_REVOKED_CHANNEL, onNotice);
      timers.push(
        setInterval(endExpired, EXPIRY_CHECK_MS),
        setInterval(() => void recheck(), RECHECK_MS),
      );
      for (const t of timers) t.unref();
    },
    async stop() {
      for (const t of timers.splice(0)) clearInterval(t);
      await unsubscribe?.();
    },
  };
}
