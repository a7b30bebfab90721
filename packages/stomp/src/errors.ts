/** Errors raised by the codec, the protocol handling and application hooks. */

/** WebSocket close codes the server uses. 4000 is application-defined (heart-beat timeout). */
export const CloseCode = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  INTERNAL_ERROR: 1011,
  SERVICE_RESTART: 1012,
  TRY_AGAIN_LATER: 1013,
  HEARTBEAT_TIMEOUT: 4000,
} as const;

/**
 * The codes of the per-request errors the server sends by itself (an application's own codes
 * come from its hooks). Apps that keep one table of their error codes list these in it.
 */
export const StompServerErrorCode = {
  DUPLICATE_SUBSCRIPTION: 'DUPLICATE_SUBSCRIPTION',
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** A hook threw something that is not a StompError. */
  INTERNAL: 'INTERNAL',
} as const;

/** A violation of the STOMP protocol: always answered with an ERROR frame and a closed connection. */
export class StompProtocolError extends Error {
  override readonly name = 'StompProtocolError';
  readonly closeCode: number;

  constructor(message: string, closeCode: number = CloseCode.PROTOCOL_ERROR) {
    super(message);
    this.closeCode = closeCode;
  }
}

export interface StompErrorOptions {
  /**
   * true: ERROR frame + close (protocol violation, auth failure).
   * false (default): a per-request error delivered as a MESSAGE on the user error queue; the
   * connection stays open.
   */
  readonly fatal?: boolean;
  /** Extra JSON fields for the per-request error payload (e.g. `{messageKey}`). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** WebSocket close code when fatal (default 1008 policy violation). */
  readonly closeCode?: number;
}

/**
 * Thrown by application hooks. `code` is a stable upper-snake string (`NOT_A_MEMBER`,
 * `RATE_LIMITED`, ...). Not fatal by default.
 */
export class StompError extends Error {
  override readonly name = 'StompError';
  readonly code: string;
  readonly fatal: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly closeCode: number;

  constructor(code: string, message: string, options: StompErrorOptions = {}) {
    super(message);
    this.code = code;
    this.fatal = options.fatal ?? false;
    this.details = options.details;
    this.closeCode = options.closeCode ?? CloseCode.POLICY_VIOLATION;
  }
}

/** Payload of a per-request error MESSAGE (contract: `{code, message, receiptId?, messageKey?}`). */
export interface UserErrorPayload {
  readonly code: string;
  readonly message: string;
  readonly receiptId?: string;
  readonly [extra: string]: unknown;
}
