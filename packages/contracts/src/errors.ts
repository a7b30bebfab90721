/**
 * Every error code the system emits, over HTTP and over STOMP, in one table (CONTRACT.md
 * "Details that clients rely on"; the codes the contract does not list are in docs/api/errors.md).
 *
 * A row is keyed by the code an `AppError` carries. It says:
 * - `http`: the `error` of the HTTP error body, one of the contract's HTTP codes;
 * - `status`: the HTTP status;
 * - `stomp`: the `code` of the STOMP error payload (`/user/queue/errors`, or the ERROR frame);
 * - `closes`: true when, over STOMP, the error is an ERROR frame that closes the connection
 *   (auth failures); false for per-request errors, which leave the connection open.
 */

/** The HTTP body's `error` codes and their statuses. */
export const HTTP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  RANGE_NOT_SATISFIABLE: 416,
  TOO_MANY_REQUESTS: 429,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;

export interface ErrorRow<H extends HttpErrorCode = HttpErrorCode, S extends string = string> {
  readonly http: H;
  readonly status: (typeof HTTP_ERROR_STATUS)[H];
  readonly stomp: S;
  readonly closes: boolean;
}

function row<H extends HttpErrorCode, S extends string>(http: H, stomp: S, closes = false): ErrorRow<H, S> {
  return { http, status: HTTP_ERROR_STATUS[http], stomp, closes };
}

export const ERRORS = {
  // The HTTP codes themselves. Over STOMP a bad request is the contract's INVALID_PAYLOAD and
  // too many requests is RATE_LIMITED; the rest keep their name.
  BAD_REQUEST: row('BAD_REQUEST', 'INVALID_PAYLOAD'),
  UNAUTHORIZED: row('UNAUTHORIZED', 'UNAUTHORIZED', true),
  FORBIDDEN: row('FORBIDDEN', 'FORBIDDEN'),
  NOT_FOUND: row('NOT_FOUND', 'NOT_FOUND'),
  REQUEST_TIMEOUT: row('REQUEST_TIMEOUT', 'REQUEST_TIMEOUT'),
  CONFLICT: row('CONFLICT', 'CONFLICT'),
  PAYLOAD_TOO_LARGE: row('PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE'),
  URI_TOO_LONG: row('URI_TOO_LONG', 'URI_TOO_LONG'),
  RANGE_NOT_SATISFIABLE: row('RANGE_NOT_SATISFIABLE', 'RANGE_NOT_SATISFIABLE'),
  TOO_MANY_REQUESTS: row('TOO_MANY_REQUESTS', 'RATE_LIMITED'),
  REQUEST_HEADER_FIELDS_TOO_LARGE: row('REQUEST_HEADER_FIELDS_TOO_LARGE', 'REQUEST_HEADER_FIELDS_TOO_LARGE'),
  INTERNAL: row('INTERNAL', 'INTERNAL'),
  SERVICE_UNAVAILABLE: row('SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'),

  // Chat: the STOMP codes of CONTRACT.md, and the HTTP code the same failure has on REST.
  NOT_A_MEMBER: row('FORBIDDEN', 'NOT_A_MEMBER'),
  ROOM_NOT_FOUND: row('NOT_FOUND', 'ROOM_NOT_FOUND'),
  RATE_LIMITED: row('TOO_MANY_REQUESTS', 'RATE_LIMITED'),
  // Delivery is running late: the SEND was not taken, try again after retryAfterMs.
  SERVER_BUSY: row('SERVICE_UNAVAILABLE', 'SERVER_BUSY'),
  INVALID_PAYLOAD: row('BAD_REQUEST', 'INVALID_PAYLOAD'),
  CONTENT_TOO_LONG: row('BAD_REQUEST', 'CONTENT_TOO_LONG'),
  INVALID_DESTINATION: row('BAD_REQUEST', 'INVALID_DESTINATION'),
  // Changes of a stored message (edit, unsend).
  MESSAGE_NOT_FOUND: row('NOT_FOUND', 'MESSAGE_NOT_FOUND'),
  NOT_YOUR_MESSAGE: row('FORBIDDEN', 'NOT_YOUR_MESSAGE'),
  CHANGE_WINDOW_CLOSED: row('CONFLICT', 'CHANGE_WINDOW_CLOSED'),
  MESSAGE_UNSENT: row('CONFLICT', 'MESSAGE_UNSENT'),
  // Room administration.
  NOT_ROOM_OWNER: row('FORBIDDEN', 'NOT_ROOM_OWNER'),
  ROOM_CLOSED: row('CONFLICT', 'ROOM_CLOSED'),
  // Attachments: one that is not an upload of the sender's to the room (or is gone); over quota.
  ATTACHMENT_NOT_FOUND: row('NOT_FOUND', 'ATTACHMENT_NOT_FOUND'),
  UPLOAD_QUOTA_EXCEEDED: row('TOO_MANY_REQUESTS', 'UPLOAD_QUOTA_EXCEEDED'),

  // Chat: an EMOTICON message of a pack the sender does not hold.
  EMOTICON_NOT_OWNED: row('FORBIDDEN', 'EMOTICON_NOT_OWNED'),

  // STOMP sessions: ended by the server (ERROR frame + close) or refused at CONNECT.
  TOKEN_EXPIRED: row('UNAUTHORIZED', 'TOKEN_EXPIRED', true),
  TOKEN_REVOKED: row('UNAUTHORIZED', 'TOKEN_REVOKED', true),
  TOO_MANY_CONNECTIONS: row('TOO_MANY_REQUESTS', 'TOO_MANY_CONNECTIONS', true),

  // The STOMP server's own per-request errors (packages/stomp).
  DUPLICATE_SUBSCRIPTION: row('CONFLICT', 'DUPLICATE_SUBSCRIPTION'),
  TOO_MANY_SUBSCRIPTIONS: row('TOO_MANY_REQUESTS', 'TOO_MANY_SUBSCRIPTIONS'),
} as const satisfies Record<string, ErrorRow>;

/** A code an `AppError` can carry. */
export type ErrorCode = keyof typeof ERRORS;

/** A `code` of a STOMP error payload or ERROR frame. */
export type StompErrorCode = (typeof ERRORS)[ErrorCode]['stomp'];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

export function isHttpErrorCode(value: unknown): value is HttpErrorCode {
  return typeof value === 'string' && Object.hasOwn(HTTP_ERROR_STATUS, value);
}
