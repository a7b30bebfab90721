/** An answer other than success: HTTP status, stable code, message (`{ code, message }` body). */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const e = (status: number, code: string, message: string) => new SandboxError(status, code, message);

export const Errors = {
  unauthorized: () => e(401, 'UNAUTHORIZED', 'missing or wrong Authorization: Bearer <secretKey>'),
  invalidRequest: (message: string) => e(400, 'INVALID_REQUEST', message),
  notFound: (what = 'route') => e(404, 'NOT_FOUND', `${what} not found`),
  methodNotAllowed: () => e(405, 'METHOD_NOT_ALLOWED', 'method not allowed on this route'),
  payloadTooLarge: (limit: number) => e(413, 'PAYLOAD_TOO_LARGE', `request body over ${limit} bytes`),
  unsupportedMediaType: () => e(415, 'UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json'),
  idempotencyKeyReused: () =>
    e(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key already used for a different orderId or amount'),
  notAuthorized: () => e(409, 'NOT_AUTHORIZED', 'payment not authorized by the card holder yet'),
  amountMismatch: () => e(400, 'AMOUNT_MISMATCH', 'amount differs from the payment amount'),
  declined: (code = 'DECLINED', message = 'card declined (sandbox)') => e(402, code, message),
  alreadyCanceled: () => e(409, 'ALREADY_CANCELED', 'payment already canceled'),
  invalidState: (status: string, action: string) =>
    e(409, 'INVALID_STATE', `cannot ${action} a payment in status ${status}`),
  notCancelable: (status: string) => e(409, 'NOT_CANCELABLE', `only DONE payments cancel (status ${status})`),
  providerError: (fault: string) => e(500, 'PROVIDER_ERROR', `sandbox fault: ${fault}`),
};
