import {
  type AuthCredentialsClient,
  type AuthRevocationClient,
  ErrorBody,
  PasswordCheckAnswer,
  PasswordCheckBody,
  authInternalPaths as paths,
  RevocationCheckAnswer,
  RevocationCheckBody,
} from '@chat/contracts';
import type { FastifyInstance } from 'fastify';

const revocationCheckSchema = {
  hide: true,
  tags: ['internal'],
  body: RevocationCheckBody,
  response: { 200: RevocationCheckAnswer, '4xx': ErrorBody },
};

const passwordCheckSchema = {
  hide: true,
  tags: ['internal'],
  body: PasswordCheckBody,
  response: { 200: PasswordCheckAnswer, '4xx': ErrorBody },
};

/**
 * Service-to-service API behind the HTTP AuthRevocationClient: token verifiers of processes
 * without auth ask here when their cache cannot answer. Registered on the internal listener
 * only, whose every route requires the internal token (apps/server/src/internal-server.ts).
 */
export function registerInternalRoutes(
  app: FastifyInstance,
  revocations: AuthRevocationClient,
  credentials: AuthCredentialsClient,
) {
  app.post<{ Body: RevocationCheckBody }>(
    paths.revocationCheck,
    { schema: revocationCheckSchema },
    async (req): Promise<RevocationCheckAnswer> => ({ revoked: await revocations.isTokenRevoked(req.body) }),
  );
  // Users asks before deleting an account: the verdict, never the hash.
  app.post<{ Body: PasswordCheckBody }>(
    paths.passwordCheck,
    { schema: passwordCheckSchema },
    async (req): Promise<PasswordCheckAnswer> =>
      credentials.confirmPassword(req.body.userId, req.body.password),
  );
}
