import { createHmac, timingSafeEqual } from 'node:crypto';
import { PermanentError } from '@chat/platform';
import {
  type ConfirmOutcome,
  type PaymentProvider,
  type ProviderEvent,
  ProviderUnavailableError,
} from './payment-provider.ts';

export interface SandboxProviderOptions {
  /** The sandbox's base URL (a function: known once an in-process sandbox listens). */
  url: string | (() => string);
  secretKey: string;
  webhookSecret: string;
  /** Time a provider call gets. */
  timeoutMs: number;
  /** A webhook signed longer ago than this is refused (replays of old deliveries). */
  toleranceSec?: number;
}

const EVENT_TYPES = new Set(['payment.done', 'payment.canceled', 'payment.failed']);

/** The adapter of the local sandbox provider (packages/payment-sandbox): HTTP + HMAC-signed webhooks. */
export function createSandboxProvider(opts: SandboxProviderOptions): PaymentProvider {
  const tolerance = opts.toleranceSec ?? 300;

  async function call(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(new URL(path, typeof opts.url === 'string' ? opts.url : opts.url()), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${opts.secretKey}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      throw new ProviderUnavailableError(`payment provider unreachable: ${(err as Error).message}`, {
        cause: err,
      });
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status >= 500) throw new ProviderUnavailableError(`payment provider answered ${res.status}`);
    return { status: res.status, body: json };
  }

  return {
    name: 'sandbox',
    async create(input) {
      const { idempotencyKey, ...body } = input;
      const res = await call('/v1/payments', body, { 'idempotency-key': idempotencyKey });
      if (res.status !== 200 && res.status !== 201) {
        throw new ProviderUnavailableError(
          `payment creation refused (${res.status} ${String(res.body.code)})`,
        );
      }
      return { paymentKey: String(res.body.paymentKey), checkoutUrl: String(res.body.checkoutUrl) };
    },
    async confirm(paymentKey, amount): Promise<ConfirmOutcome> {
      const res = await call(`/v1/payments/${encodeURIComponent(paymentKey)}/confirm`, { amount });
      if (res.status === 200) return { ok: true, version: Number(res.body.version ?? 0) };
      const code = String(res.body.code ?? res.status);
      if (code === 'NOT_AUTHORIZED') {
        return { ok: false, final: false, reason: 'the payment was not completed at the provider' };
      }
      if (code === 'AMOUNT_MISMATCH') return { ok: false, final: true, reason: 'the amount does not match' };
      return { ok: false, final: true, reason: String(res.body.message ?? code) };
    },
    async cancel(paymentKey, reason) {
      const res = await call(`/v1/payments/${encodeURIComponent(paymentKey)}/cancel`, { reason });
      // A refusal (4xx) will not change by asking again: dead-lettered, for an operator.
      if (res.status !== 200) {
        throw new PermanentError(`payment cancel refused (${res.status} ${String(res.body.code)})`);
      }
    },
    verifyWebhook(rawBody, headers): ProviderEvent | undefined {
      const header = headers['sandbox-signature'];
      if (typeof header !== 'string') return undefined;
      const parts = Object.fromEntries(
        header.split(',').map((p) => p.trim().split('=', 2) as [string, string]),
      );
      const t = Number(parts.t);
      const given = parts.v1;
      if (!Number.isInteger(t) || typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given))
        return undefined;
      if (Math.abs(Date.now() / 1000 - t) > tolerance) return undefined;
      const expected = createHmac('sha256', opts.webhookSecret).update(`${t}.${rawBody}`).digest();
      if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return undefined;
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        return undefined;
      }
      if (
        typeof event.eventId !== 'string' ||
        typeof event.type !== 'string' ||
        !EVENT_TYPES.has(event.type) ||
        typeof event.paymentKey !== 'string' ||
        !Number.isInteger(event.amount) ||
        !Number.isInteger(event.version)
      ) {
        return undefined;
      }
      return {
        eventId: event.eventId,
        type: event.type as ProviderEvent['type'],
        paymentKey: event.paymentKey,
        amount: event.amount as number,
        version: event.version as number,
      };
    },
  };
}
