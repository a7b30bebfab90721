import {
  type AuthCredentialsClient,
  type AuthRevocationClient,
  createChecker,
  PasswordCheckAnswer,
  type PasswordVerdict,
  authInternalPaths as paths,
  RevocationCheckAnswer,
} from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { HttpCaller } from './http-caller.ts';
import { checkedAnswer, createInternalCaller, type InternalClientOptions } from './internal-caller.ts';

export type HttpAuthRevocationClientOptions = InternalClientOptions;

const checkAnswer = createChecker(RevocationCheckAnswer, 'auth: revocation check');

/**
 * AuthRevocationClient over the auth service's internal HTTP API. A check is a read, so it is
 * retried (backoff with jitter) after transport failures; anything but a well-formed answer is
 * SERVICE_UNAVAILABLE, which the token verifier turns into a refusal (503), never a pass.
 */
export function createHttpAuthRevocationClient(
  opts: HttpAuthRevocationClientOptions,
  caller?: HttpCaller,
): AuthRevocationClient {
  const http = caller ?? createInternalCaller('auth', opts);
  return {
    async isTokenRevoked(q) {
      const body = { userId: q.userId, jti: q.jti, sid: q.sid, iat: q.iat };
      const res = await http.call({ method: 'POST', path: paths.revocationCheck, body, idempotent: true });
      if (res.status === 401) throw Errors.unavailable('auth service rejected the internal token');
      if (res.status !== 200) throw Errors.unavailable(`auth answered ${res.status} to a revocation check`);
      return checkedAnswer('auth', checkAnswer, res.body).revoked;
    },
  };
}

const checkPasswordAnswer = createChecker(PasswordCheckAnswer, 'auth: password check');

/**
 * AuthCredentialsClient over the auth service's internal HTTP API. A check spends the user's
 * confirmation budget, so it is not retried; anything but a well-formed answer is
 * SERVICE_UNAVAILABLE (the confirmation is refused, never passed).
 */
export function createHttpAuthCredentialsClient(
  opts: HttpAuthRevocationClientOptions,
  caller?: HttpCaller,
): AuthCredentialsClient {
  const http = caller ?? createInternalCaller('auth', opts);
  return {
    async confirmPassword(userId, password): Promise<PasswordVerdict> {
      const body = { userId, password };
      const res = await http.call({ method: 'POST', path: paths.passwordCheck, body, idempotent: false });
      if (res.status === 401) throw Errors.unavailable('auth service rejected the internal token');
      if (res.status !== 200) throw Errors.unavailable(`auth answered ${res.status} to a password check`);
      const answer = checkedAnswer('auth', checkPasswordAnswer, res.body);
      return answer.verdict === 'THROTTLED'
        ? { verdict: 'THROTTLED', retryAfterMs: answer.retryAfterMs ?? 1000 }
        : { verdict: answer.verdict };
    },
  };
}
