import { createHmac, timingSafeEqual } from 'node:crypto';

/** base64url of `{"alg":"HS256","typ":"JWT"}`: the header of every token we sign. */
export const HS256_HEADER = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');

const SIGNATURE_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function hmac(key: Buffer, signingInput: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

/** `header.payload.signature` with our fixed header: `payloadJson` is the claims set, serialized. */
export function signHs256(key: Buffer, payloadJson: string): string {
  const signingInput = `${HS256_HEADER}.${Buffer.from(payloadJson).toString('base64url')}`;
  return `${signingInput}.${hmac(key, signingInput).toString('base64url')}`;
}

/** Whether `signature` (base64url) is the HMAC-SHA256 of `signingInput`, compared in constant time. */
export function hs256Matches(key: Buffer, signingInput: string, signature: string): boolean {
  const given = decodeBase64url(signature);
  if (given === null || given.length !== SIGNATURE_BYTES) return false;
  return timingSafeEqual(hmac(key, signingInput), given);
}

/**
 * Strict base64url (RFC 4648 §5, unpadded, canonical): null for padding, any other character,
 * an impossible length, or unused bits set in the last character. Buffer's own decoder skips
 * such input silently, which would let several strings stand for the same bytes.
 */
export function decodeBase64url(text: string): Buffer | null {
  const tail = text.length % 4;
  if (tail === 1 || !BASE64URL.test(text)) return null;
  if (tail !== 0) {
    const last = ALPHABET.indexOf(text.charAt(text.length - 1));
    if ((last & (tail === 2 ? 0b1111 : 0b11)) !== 0) return null;
  }
  return Buffer.from(text, 'base64url');
}
