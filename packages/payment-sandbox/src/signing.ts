import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Sandbox-Signature';

/**
 * The `Sandbox-Signature` header value of a webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed with the webhook secret>`. Verifiers recompute v1 from the raw bytes
 * received (not re-serialised JSON), compare in constant time and reject an old `t`.
 */
export function signSandboxWebhook(secret: string, rawBody: string, t: number): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
