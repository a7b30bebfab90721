import { randomBytes } from 'node:crypto';
import type { PaymentSandbox } from '@chat/payment-sandbox';
import type { Config, Logger } from '@chat/platform';
import { type PaymentProvider, ProviderUnavailableError } from './payment-provider.ts';
import { createSandboxProvider } from './sandbox-provider.ts';

/** The configured provider, and the sandbox this process runs for it (development only). */
export interface PaymentSetup {
  readonly provider: PaymentProvider | undefined;
  /** Starts an in-process sandbox (nothing otherwise). */
  start(): Promise<void>;
  /** Tells an in-process sandbox where this process listens (its webhooks' target). */
  listening(origin: string): void;
  close(): Promise<void>;
}

const nothing = async () => {};

/**
 * `STORE_PAYMENT_PROVIDER=sandbox` with STORE_PAYMENT_URL: the sandbox (or a compatible service)
 * there. Without a URL, outside production: a sandbox started in this process on a free port
 * (at start, not when the module is built), with secrets made up for this run, so that
 * `npm start` takes card payments out of the box.
 */
export function setUpPayments(config: Config, logger: Logger): PaymentSetup {
  const s = config.store;
  if (s.paymentProvider === 'none') {
    return { provider: undefined, start: nothing, listening() {}, close: nothing };
  }
  if (s.paymentUrl) {
    const provider = createSandboxProvider({
      url: s.paymentUrl,
      secretKey: s.paymentSecretKey ?? 'sandbox-secret-key',
      webhookSecret: s.webhookSecret ?? 'sandbox-webhook-secret',
      timeoutMs: s.paymentTimeoutMs,
    });
    return { provider, start: nothing, listening() {}, close: nothing };
  }
  const secretKey = s.paymentSecretKey ?? randomBytes(18).toString('base64url');
  const webhookSecret = s.webhookSecret ?? randomBytes(18).toString('base64url');
  let sandbox: PaymentSandbox | undefined;
  let webhookUrl: string | undefined;
  const url = () => {
    if (!sandbox) throw new ProviderUnavailableError('the payment sandbox is not started');
    return sandbox.url;
  };
  return {
    provider: createSandboxProvider({ url, secretKey, webhookSecret, timeoutMs: s.paymentTimeoutMs }),
    async start() {
      const { startPaymentSandbox } = await import('@chat/payment-sandbox');
      sandbox = await startPaymentSandbox({ port: 0, host: '127.0.0.1', secretKey, webhookSecret });
      if (webhookUrl) sandbox.setWebhookUrl(webhookUrl);
      logger.info(
        { url: sandbox.url },
        'payment sandbox started in this process (card payments are simulated)',
      );
    },
    listening(origin) {
      webhookUrl = `${origin}/api/store/webhooks/payments`;
      sandbox?.setWebhookUrl(webhookUrl);
    },
    async close() {
      await sandbox?.close();
      sandbox = undefined;
    },
  };
}
