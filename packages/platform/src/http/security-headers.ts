import type { FastifyReply, FastifyRequest } from 'fastify';

/** A Host header we are willing to repeat in the CSP (name or address, optional port). */
const HOST = /^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?$/;

/**
 * The Content-Security-Policy for the web client served at `/`: its own scripts, styles and
 * REST calls, STOMP over WebSocket to the same host only, images from https (profile images),
 * data: URLs and blob: URLs (attachments, fetched with the token), never framed. `'self'`
 * covers ws(s) to the same origin in CSP 3 browsers; older ones need the host spelled out.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sameHostSockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `connect-src 'self'${sameHostSockets}`,
    "img-src 'self' https: data: blob:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** onRequest hook: the usual security headers on every response, errors included. */
export async function setSecurityHeaders(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.headers({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'content-security-policy': contentSecurityPolicy(req.headers.host),
  });
}
