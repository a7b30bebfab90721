import type { LoginBody, RefreshBody, SignupBody } from '@chat/contracts';
import { type AuthGuards, principalOf } from '@chat/security';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loginSchema, logoutSchema, refreshSchema, signupSchema } from './auth.schema.ts';
import { toAuthResponse } from './auth-response.ts';
import type { LoginService } from './login/login.service.ts';
import type { SessionService } from './sessions/session.service.ts';
import type { SignupService } from './signup/signup.service.ts';

/** Auth bodies are tiny: anything above this is refused with 413 before parsing. */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

export interface AuthRouteDeps {
  signup: SignupService;
  login: LoginService;
  sessions: SessionService;
  guards: AuthGuards;
}

const meta = (req: FastifyRequest) => ({ clientIp: req.ip, userAgent: req.headers['user-agent'] });

export async function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps) {
  const bodyLimit = AUTH_BODY_LIMIT_BYTES;
  app.post<{ Body: SignupBody }>(
    '/api/auth/signup',
    { schema: signupSchema, bodyLimit },
    async (req, reply) => reply.code(201).send(await deps.signup.signup(req.body, meta(req))),
  );
  app.post<{ Body: LoginBody }>('/api/auth/login', { schema: loginSchema, bodyLimit }, async (req) =>
    deps.login.login(req.body, meta(req)),
  );
  app.post<{ Body: RefreshBody }>('/api/auth/refresh', { schema: refreshSchema, bodyLimit }, async (req) => {
    const { user, tokens } = await deps.sessions.rotate(req.body.refreshToken);
    return toAuthResponse(user, tokens);
  });
  // Logout's body is optional and ignored: in its own scope no body, an empty JSON body and a
  // non-JSON body all count as `{}` (JSON is still parsed, so malformed JSON stays a 400).
  await app.register(async (scope) => {
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (req, body, done) => {
      if ((body as string).trim() === '') done(null, {});
      else parseJson(req, body as string, done);
    });
    scope.addHook('preValidation', async (req) => {
      if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) req.body = {};
    });
    scope.post(
      '/api/auth/logout',
      { schema: logoutSchema, preHandler: deps.guards.authenticate, bodyLimit },
      async (req, reply) => {
        await deps.sessions.logout(principalOf(req));
        return reply.code(204).send();
      },
    );
  });
}
