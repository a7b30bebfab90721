// The payments, in memory (a restart forgets them), and their status machine:
// READY -> AUTHORIZED -> DONE -> CANCELED; READY/AUTHORIZED -> FAILED. `version` +1 per change.
import { randomBytes } from 'node:crypto';
import { Errors } from './errors.ts';
import type { PaymentStatus, SandboxPayment, SandboxWebhookType } from './types.ts';

export interface NewPayment {
  orderId: string;
  amount: number;
  orderName: string;
  successUrl: string;
  failUrl: string;
}

export interface PaymentRecord extends NewPayment {
  paymentKey: string;
  status: PaymentStatus;
  version: number;
  approvedAt: string | null;
  canceledAt: string | null;
  cancelReason: string | null;
  failure: { code: string; message: string } | null;
}

const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  READY: ['AUTHORIZED', 'FAILED'],
  AUTHORIZED: ['DONE', 'FAILED'],
  DONE: ['CANCELED'],
  CANCELED: [],
  FAILED: [],
};

const EVENT: Partial<Record<PaymentStatus, SandboxWebhookType>> = {
  DONE: 'payment.done',
  CANCELED: 'payment.canceled',
  FAILED: 'payment.failed',
};

export type PaymentStore = ReturnType<typeof createPaymentStore>;

/** `onEvent` is called (synchronously) after each change that has a webhook. */
export function createPaymentStore(onEvent: (payment: PaymentRecord, type: SandboxWebhookType) => void) {
  const payments = new Map<string, PaymentRecord>();
  const idempotency = new Map<string, string>();

  function transition(p: PaymentRecord, to: PaymentStatus, change: Partial<PaymentRecord> = {}): void {
    if (!NEXT[p.status].includes(to)) throw new Error(`illegal transition ${p.status} -> ${to}`);
    Object.assign(p, change, { status: to, version: p.version + 1 });
    const type = EVENT[to];
    if (type) onEvent(p, type);
  }

  return {
    /** A new READY payment, or the one created before with the same idempotency key. */
    create(input: NewPayment, idempotencyKey?: string): { payment: PaymentRecord; created: boolean } {
      const earlierKey = idempotencyKey === undefined ? undefined : idempotency.get(idempotencyKey);
      const earlier = earlierKey === undefined ? undefined : payments.get(earlierKey);
      if (earlier) {
        if (earlier.orderId !== input.orderId || earlier.amount !== input.amount)
          throw Errors.idempotencyKeyReused();
        return { payment: earlier, created: false };
      }
      const payment: PaymentRecord = {
        ...input,
        paymentKey: `sbx_${randomBytes(12).toString('hex')}`,
        status: 'READY',
        version: 1,
        approvedAt: null,
        canceledAt: null,
        cancelReason: null,
        failure: null,
      };
      payments.set(payment.paymentKey, payment);
      if (idempotencyKey !== undefined) idempotency.set(idempotencyKey, payment.paymentKey);
      return { payment, created: true };
    },
    get: (paymentKey: string): PaymentRecord | undefined => payments.get(paymentKey),
    authorize: (p: PaymentRecord) => transition(p, 'AUTHORIZED'),
    complete: (p: PaymentRecord) => transition(p, 'DONE', { approvedAt: new Date().toISOString() }),
    fail: (p: PaymentRecord, code: string, message: string) =>
      transition(p, 'FAILED', { failure: { code, message } }),
    cancel: (p: PaymentRecord, reason: string) =>
      transition(p, 'CANCELED', { canceledAt: new Date().toISOString(), cancelReason: reason }),
  };
}

/** The API shape of a payment (no URLs, no cancel reason). */
export function presentPayment(p: PaymentRecord): SandboxPayment {
  return {
    paymentKey: p.paymentKey,
    orderId: p.orderId,
    orderName: p.orderName,
    amount: p.amount,
    status: p.status,
    version: p.version,
    approvedAt: p.approvedAt,
    canceledAt: p.canceledAt,
    failure: p.failure,
  };
}
