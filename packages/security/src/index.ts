// Public surface of @chat/security: tokens and the guards every service shares.
export {
  isRevokedBy,
  type Principal,
  type RefreshClaims,
  type RevocationQuery,
  revocationKeys,
  type SignedToken,
  type TokenType,
} from './claims.ts';
export { type AuthGuards, bearerToken, createAuthGuards, principalOf } from './fastify-guards.ts';
export { createInternalGuard } from './internal-guard.ts';
export {
  createDurableRevocations,
  createRevocations,
  type DurableRevocations,
  type RevocationEntry,
  type RevocationStore,
  type Revocations,
} from './revocations.ts';
export { createServiceAuth, type ServiceAuth } from './service-auth.ts';
export { createTokenSigner, type TokenSigner, type TokenSignerOptions } from './token-signer.ts';
export {
  createTokenVerifier,
  type RevocationCheck,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier.ts';
