// Public surface of @chat/security: tokens and the guards every service shares.
export {
  type Principal,
  type RefreshClaims,
  revocationKeys,
  type SignedToken,
  type TokenType,
} from './claims.ts';
export { type AuthGuards, bearerToken, createAuthGuards, principalOf } from './fastify-guards.ts';
export { createInternalGuard } from './internal-guard.ts';
export { createRevocations, type Revocations } from './revocations.ts';
export { createTokenSigner, type TokenSigner, type TokenSignerOptions } from './token-signer.ts';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './token-verifier.ts';
