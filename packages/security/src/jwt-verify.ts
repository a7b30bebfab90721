import { isUtf8 } from 'node:buffer';
import { Errors } from '@chat/platform';
import type { TokenType } from './claims.ts';
import { decodeBase64url, HS256_HEADER, hs256Matches } from './hs256.ts';

/** A JWT claims set as decoded (a JSON object; only the checked claims are typed). */
export type JwtPayload = Readonly<Record<string, unknown>>;

export interface VerifiedPayload {
  userId: number;
  sid: string;
  jti: string;
  iat: number;
  exp: number;
  payload: JwtPayload;
}

const USER_ID = /^[1-9][0-9]{0,15}$/;
const MAX_TOKEN_LENGTH = 4096;

/**
 * Checks signature (HS256 only: `alg: none` and every other algorithm are refused, as is any
 * `crit` header), expiry (`exp`), `nbf`, the `typ` claim and the shape of the common claims.
 * Synchronous (node:crypto HMAC): no WebCrypto job per request. Every failure is the same 401.
 */
export function verifyJwt(
  key: Buffer,
  token: string,
  expected: TokenType,
  now: () => number,
): VerifiedPayload {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw invalid();
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid();
  const [header, body, signature] = parts as [string, string, string];
  // Our own header needs no parsing; any other must still be an HS256 header without `crit`.
  if (header !== HS256_HEADER && !acceptableHeader(decodeJsonObject(header))) throw invalid();
  if (!hs256Matches(key, `${header}.${body}`, signature)) throw invalid();
  const payload = decodeJsonObject(body);
  if (payload === null) throw invalid();

  const { sub, jti, iat, exp, nbf, sid } = payload;
  const nowSec = Math.floor(now() / 1000);
  // Written so that NaN (a broken clock or claim) fails: `exp <= now` and `nbf > now` are refused.
  if (!isNumericDate(exp) || !(exp > nowSec)) throw invalid();
  if (!isNumericDate(iat)) throw invalid();
  if (nbf !== undefined && !(isNumericDate(nbf) && nbf <= nowSec)) throw invalid();
  if (payload.typ !== expected) throw invalid();
  if (typeof sub !== 'string' || !USER_ID.test(sub) || Number(sub) > Number.MAX_SAFE_INTEGER) throw invalid();
  if (typeof jti !== 'string' || typeof sid !== 'string') throw invalid();
  return { userId: Number(sub), sid, jti, iat, exp, payload };
}

function acceptableHeader(header: JwtPayload | null): boolean {
  return header !== null && header.alg === 'HS256' && !Object.hasOwn(header, 'crit');
}

/** A base64url part holding a JSON object in well-formed UTF-8, or null. */
function decodeJsonObject(part: string): JwtPayload | null {
  const bytes = decodeBase64url(part);
  if (bytes === null || !isUtf8(bytes)) return null;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JwtPayload) : null;
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function invalid() {
  return Errors.unauthorized('Invalid or expired token');
}
