// The sandbox's public shapes: payments as the API returns them, webhook events, faults and
// the record of webhook deliveries.

export type PaymentStatus = 'READY' | 'AUTHORIZED' | 'DONE' | 'CANCELED' | 'FAILED';

/** A payment as `GET /v1/payments/{paymentKey}` returns it. */
export interface SandboxPayment {
  paymentKey: string;
  orderId: string;
  orderName: string;
  amount: number;
  status: PaymentStatus;
  /** Starts at 1, +1 on every change. */
  version: number;
  approvedAt: string | null;
  canceledAt: string | null;
  /** Why a FAILED payment failed (`DECLINED`, `USER_DECLINED`); null otherwise. */
  failure: { code: string; message: string } | null;
}

export type SandboxWebhookType = 'payment.done' | 'payment.canceled' | 'payment.failed';

/** The JSON body POSTed to the webhook URL (signed in the `Sandbox-Signature` header). */
export interface SandboxWebhook {
  eventId: string;
  type: SandboxWebhookType;
  paymentKey: string;
  orderId: string;
  amount: number;
  status: PaymentStatus;
  version: number;
  occurredAt: string;
}

/** Injected misbehaviour; every fault is off by default (`DEFAULT_FAULTS`). */
export interface Faults {
  /** 0..1: share of confirms declined (402 DECLINED, payment FAILED). */
  declineRate: number;
  /** Confirms of a larger amount are declined; null = off. */
  declineAmountsAbove: number | null;
  /** Confirm waits this long before it runs and answers (clients time out). */
  confirmDelayMs: number;
  /** 0..1: share of confirms answered 500 without any change. */
  confirmErrorRate: number;
  /** Confirm commits (DONE, webhook sent) but answers 500: the answer was lost. */
  confirmErrorAfterCommit: boolean;
  /** Each webhook is sent this many times (0 and 1: once). */
  duplicateWebhooks: number;
  /** A payment's webhooks are held and a later event delivered before an earlier one. */
  reorderWebhooks: boolean;
  /** Webhooks are not sent at all (recorded as `dropped`). */
  dropWebhooks: boolean;
  /** Wait before the first delivery attempt of each webhook. */
  webhookDelayMs: number;
}

/** One line of `GET /__control/webhooks`: a delivery attempt, or an event not sent. */
export interface Delivery {
  eventId: string;
  type: SandboxWebhookType;
  paymentKey: string;
  version: number;
  url: string | null;
  /** 1-based attempt of this copy; 0 when nothing was sent. */
  attempt: number;
  /** Which copy (1..duplicateWebhooks). */
  copy: number;
  outcome: 'delivered' | 'failed' | 'dropped' | 'no-url';
  /** The receiver's HTTP status; null on a network error or when nothing was sent. */
  httpStatus: number | null;
  error: string | null;
  at: string;
}

export interface PaymentSandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  secretKey: string;
  webhookSecret: string;
  webhookUrl?: string;
  /** Base of `checkoutUrl` (the URL browsers reach the sandbox at); default: the listening URL. */
  publicUrl?: string;
  faults?: Partial<Faults>;
  /** Seed of every random choice (decline and error rates); default: random. */
  seed?: number;
}

export interface PaymentSandbox {
  /** e.g. `http://127.0.0.1:8090` (no trailing slash). */
  url: string;
  setFaults(faults: Partial<Faults>): void;
  setWebhookUrl(url: string): void;
  deliveries(): readonly Delivery[];
  close(): Promise<void>;
}
