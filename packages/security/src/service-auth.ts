import { type AuthGuards, createAuthGuards } from './fastify-guards.ts';
import { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './token-verifier.ts';

/**
 * Token verification as a process shares it: the composition root builds one per process and
 * hands it to every service as `ServiceContext.auth` (routes use the guards, chat's STOMP
 * CONNECT and session expiry the verifier).
 */
export interface ServiceAuth {
  readonly verifier: TokenVerifier;
  readonly guards: AuthGuards;
}

/** One verifier and the guards over it. */
export function createServiceAuth(opts: TokenVerifierOptions): ServiceAuth {
  const verifier = createTokenVerifier(opts);
  return { verifier, guards: createAuthGuards(verifier) };
}
