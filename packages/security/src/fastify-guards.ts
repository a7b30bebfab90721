import type { UserRole } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Principal } from './claims.ts';
import type { TokenVerifier } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` (and the role guards) once the access token is verified. */
    principal?: Principal;
  }
}

export interface AuthGuards {
  /** 401 unless the request carries a valid access token; sets `req.principal`. */
  readonly authenticate: preHandlerAsyncHookHandler;
  /** 401 without a valid token, 403 when the role is below `role` (ROLE_ADMIN includes ROLE_USER). */
  requireRole(role: UserRole): preHandlerAsyncHookHandler;
  /** `requireRole('ROLE_ADMIN')`. */
  readonly requireAdmin: preHandlerAsyncHookHandler;
}

const RANK: Readonly<Record<UserRole, number>> = { ROLE_USER: 1, ROLE_ADMIN: 2 };

/** `Bearer <token>` (scheme case-insensitive), or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  return match?.[1] ?? null;
}

/** Fastify preHandlers over a token verifier. */
export function createAuthGuards(verifier: TokenVerifier): AuthGuards {
  const authenticate: preHandlerAsyncHookHandler = async (req) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw Errors.unauthorized('Authentication required: send Authorization: Bearer <token>');
    req.principal = await verifier.verifyAccessToken(token);
  };
  const requireRole = (role: UserRole): preHandlerAsyncHookHandler =>
    async function (this: unknown, req, reply) {
      await authenticate.call(this as never, req, reply);
      if (RANK[principalOf(req).role] < RANK[role]) throw Errors.forbidden(`${role} required`);
    };
  return { authenticate, requireRole, requireAdmin: requireRole('ROLE_ADMIN') };
}

/** The verified caller of a guarded route (throws 401 if the route forgot its guard). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw Errors.unauthorized();
  return req.principal;
}
