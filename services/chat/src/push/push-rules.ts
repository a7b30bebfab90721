import { createECDH } from 'node:crypto';
import type { PushSettingsBody, PushSubscriptionBody } from '@chat/contracts';
import { Errors } from '@chat/platform';
import type { PushSettings, PushSubscriptionRow } from './push.repository.ts';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function decoded(value: string, field: string): Buffer {
  if (!BASE64URL.test(value)) throw Errors.badRequest(`body.keys.${field} must be base64url`);
  return Buffer.from(value, 'base64url');
}

/**
 * A browser's subscription as it may be stored: an https endpoint (plain http only to this
 * machine, outside production: a local test push service), a P-256 public key that is a point
 * on the curve, and a 16-byte auth secret. Anything else is a 400 naming the field.
 */
export function checkSubscription(body: PushSubscriptionBody, allowLocalHttp: boolean): PushSubscriptionRow {
  let url: URL;
  try {
    url = new URL(body.endpoint);
  } catch {
    throw Errors.badRequest('body.endpoint must be a URL');
  }
  const local = url.protocol === 'http:' && allowLocalHttp && LOCAL_HOSTS.has(url.hostname);
  if ((url.protocol !== 'https:' && !local) || url.username || url.password) {
    throw Errors.badRequest('body.endpoint must be an https:// URL of a push service');
  }
  const key = decoded(body.keys.p256dh, 'p256dh');
  try {
    if (key.length !== 65 || key[0] !== 4) throw new Error('not an uncompressed point');
    // An agreement with a throwaway key fails for a point that is not on the curve.
    const probe = createECDH('prime256v1');
    probe.generateKeys();
    probe.computeSecret(key);
  } catch {
    throw Errors.badRequest('body.keys.p256dh must be a P-256 public key (65 bytes, uncompressed)');
  }
  if (decoded(body.keys.auth, 'auth').length !== 16) {
    throw Errors.badRequest('body.keys.auth must be 16 bytes');
  }
  return { endpoint: url.toString(), p256dh: body.keys.p256dh, auth: body.keys.auth };
}

/** Settings as sent, checked: quiet hours both set or both null, a time zone the server knows. */
export function checkSettings(body: PushSettingsBody): PushSettings {
  if ((body.dndStart === null) !== (body.dndEnd === null)) {
    throw Errors.badRequest('body.dndStart and body.dndEnd must be set together');
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: body.timeZone });
  } catch {
    throw Errors.badRequest('body.timeZone must be an IANA time zone like Asia/Seoul');
  }
  return { previews: body.previews, dndStart: body.dndStart, dndEnd: body.dndEnd, timeZone: body.timeZone };
}

/** Minutes after midnight at `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** Whether `at` falls in the quiet hours (start included, end not; start > end spans midnight). */
export function inQuietHours(
  at: Date,
  s: { dndStart: number | null; dndEnd: number | null; timeZone: string },
): boolean {
  if (s.dndStart === null || s.dndEnd === null || s.dndStart === s.dndEnd) return false;
  const t = localMinutes(at, s.timeZone);
  return s.dndStart < s.dndEnd ? t >= s.dndStart && t < s.dndEnd : t >= s.dndStart || t < s.dndEnd;
}
