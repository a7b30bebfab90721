import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The peers' authentication: `<userId>.<HMAC-SHA256(userId)>`, checked once per connection, as
 * a Socket.IO or bare `ws` deployment checks a session token at the handshake. (Ours verifies a
 * JWT and its revocation; the peers' check is cheaper, which favours them.)
 */
export function signPeerToken(secret: string, userId: string): string {
  return `${userId}.${createHmac('sha256', secret).update(userId).digest('base64url')}`;
}

/** The user id of a valid token; undefined otherwise. */
export function verifyPeerToken(secret: string, token: string | undefined): string | undefined {
  if (!token) return undefined;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const userId = token.slice(0, dot);
  const expected = Buffer.from(signPeerToken(secret, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : undefined;
}
