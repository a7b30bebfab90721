import { bearerToken, type TokenVerifier } from '@chat/security';
import type { ClientKey } from './rate-limits.ts';

/** Tokens recently seen, with their user: most requests repeat a token (one HMAC per token). */
const MAX_CACHED = 10_000;

export type ClientKeyOf = (authorization: string | string[] | undefined, address: string) => ClientKey;

/**
 * Whose budget a request spends: the user of a well-signed, unexpired access token (checked
 * locally, no round trip; revocation is the services' business), else the client address.
 * Verified tokens are remembered until they expire (at most MAX_CACHED, oldest dropped first),
 * so a client's requests cost one signature check per token, not one per request.
 */
export function createClientKey(verifier: TokenVerifier, now: () => number = Date.now): ClientKeyOf {
  const known = new Map<string, { user: number; expiresAtMs: number }>();
  return (authorization, address) => {
    const token = bearerToken(authorization);
    if (token === null) return { address };
    const cached = known.get(token);
    if (cached && cached.expiresAtMs > now()) return { user: cached.user };
    const verified = verifier.signedAccessToken(token);
    if (verified === undefined) return { address };
    if (known.size >= MAX_CACHED) known.delete(known.keys().next().value as string);
    known.set(token, { user: verified.userId, expiresAtMs: verified.exp * 1000 });
    return { user: verified.userId };
  };
}
