// A local sandbox card payment provider (not a real one): see README.md.
export { DEFAULT_FAULTS } from './faults.ts';
export { startPaymentSandbox } from './server.ts';
export { SIGNATURE_HEADER, signSandboxWebhook } from './signing.ts';
export type {
  Delivery,
  Faults,
  PaymentSandbox,
  PaymentSandboxOptions,
  PaymentStatus,
  SandboxPayment,
  SandboxWebhook,
  SandboxWebhookType,
} from './types.ts';
