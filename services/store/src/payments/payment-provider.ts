import { TransientError } from '@chat/platform';

/**
 * The payment port: a card/PG provider with the usual two-step flow. The server creates a
 * payment and gets its key and checkout page; the buyer pays on that page; the server confirms
 * (the money moves only then); the provider also reports changes by signed webhooks. Real
 * providers (Toss Payments, KG Inicis, Stripe...) each need an adapter of their own; the one
 * shipped talks to the local sandbox (packages/payment-sandbox).
 */
export interface PaymentProvider {
  readonly name: string;
  /** Idempotent on `idempotencyKey`. Throws ProviderUnavailableError when it cannot be reached. */
  create(input: {
    orderId: string;
    amount: number;
    orderName: string;
    successUrl: string;
    failUrl: string;
    idempotencyKey: string;
  }): Promise<{ paymentKey: string; checkoutUrl: string }>;
  /**
   * Captures the payment. Idempotent: confirming a confirmed payment answers the same. Throws
   * ProviderUnavailableError on a timeout or a provider failure (the outcome is then unknown:
   * the webhook or a retry settles it).
   */
  confirm(paymentKey: string, amount: number): Promise<ConfirmOutcome>;
  /** Refunds a confirmed payment; idempotent. Throws ProviderUnavailableError. */
  cancel(paymentKey: string, reason: string): Promise<void>;
  /** The webhook's event when its signature is valid and fresh, else undefined. */
  verifyWebhook(
    rawBody: string,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): ProviderEvent | undefined;
}

export type ConfirmOutcome =
  | { readonly ok: true; readonly version: number }
  /** `final`: the payment is refused for good (declined); otherwise it may still be completed. */
  | { readonly ok: false; readonly final: boolean; readonly reason: string };

export interface ProviderEvent {
  readonly eventId: string;
  readonly type: 'payment.done' | 'payment.canceled' | 'payment.failed';
  readonly paymentKey: string;
  readonly amount: number;
  /** Increases with every change of the payment at the provider. */
  readonly version: number;
}

/** The provider did not answer in time or failed: the outcome is unknown (a retry may succeed). */
export class ProviderUnavailableError extends TransientError {
  override readonly name = 'ProviderUnavailableError';
}
