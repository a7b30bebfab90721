/** The contract's error codes, with the HTTP status each one carries. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  TOO_MANY_REQUESTS: 429,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An expected failure with a stable code. Anything thrown that is not an AppError is a bug and
 * reaches clients only as INTERNAL, without its message.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

/** Error factories shared by every service; services add their own on top of these. */
export const Errors = {
  badRequest: (message: string) => new AppError('BAD_REQUEST', message),
  unauthorized: (message = 'Authentication required') => new AppError('UNAUTHORIZED', message),
  forbidden: (message = 'Not allowed') => new AppError('FORBIDDEN', message),
  notFound: (what: string) => new AppError('NOT_FOUND', `${what} not found`),
  conflict: (message: string) => new AppError('CONFLICT', message),
  payloadTooLarge: (limitBytes: number) =>
    new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limitBytes} bytes`),
  tooManyRequests: (retryAfterMs: number) =>
    new AppError('TOO_MANY_REQUESTS', 'Too many requests, slow down', {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
    }),
  unavailable: (message: string) => new AppError('SERVICE_UNAVAILABLE', message),
  internal: () => new AppError('INTERNAL', 'Internal server error'),
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
