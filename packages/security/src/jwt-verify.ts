import type { webcrypto } from 'node:crypto';
import { Errors } from '@chat/platform';
import { type JWTPayload, jwtVerify } from 'jose';
import type { TokenType } from './claims.ts';

export interface VerifiedPayload {
  userId: number;
  sid: string;
  jti: string;
  iat: number;
  exp: number;
  payload: JWTPayload;
}

const USER_ID = /^[1-9][0-9]{0,15}$/;
const MAX_TOKEN_LENGTH = 4096;

/**
 * Checks signature (HS256 only: `alg: none` and every other algorithm are refused), expiry,
 * the `typ` claim and the shape of the common claims. Every failure is the same 401.
 */
export async function verifyJwt(
  key: webcrypto.CryptoKey,
  token: string,
  expected: TokenType,
  now: () => number,
): Promise<VerifiedPayload> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw invalid();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      currentDate: new Date(now()),
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
    }));
  } catch {
    throw invalid();
  }
  const { sub, jti, iat, exp, sid } = payload;
  if (payload.typ !== expected) throw invalid();
  if (typeof sub !== 'string' || !USER_ID.test(sub) || Number(sub) > Number.MAX_SAFE_INTEGER) throw invalid();
  if (
    typeof jti !== 'string' ||
    typeof sid !== 'string' ||
    typeof iat !== 'number' ||
    typeof exp !== 'number'
  ) {
    throw invalid();
  }
  return { userId: Number(sub), sid, jti, iat, exp, payload };
}

function invalid() {
  return Errors.unauthorized('Invalid or expired token');
}
