import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '@chat/contracts';
import { Errors } from '@chat/platform';

const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** The `Idempotency-Key` header, checked: required on every operation that moves money. */
export function idempotencyKeyOf(headers: Readonly<Record<string, string | string[] | undefined>>): string {
  const key = headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY.test(key)) throw Errors.idempotencyKeyRequired();
  return key;
}

/** What identifies a request's intent: the same key with another intent is refused. */
export function requestHash(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
