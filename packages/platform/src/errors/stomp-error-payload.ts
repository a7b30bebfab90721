import { ERRORS, type StompErrorCode } from '@chat/contracts';
import { AppError } from './app-error.ts';
import { toAppError } from './to-app-error.ts';

/** A STOMP error as the error table says to send it. */
export interface StompErrorPayload {
  /** The payload's (or the ERROR frame's) `code`. */
  code: StompErrorCode;
  message: string;
  /** ERROR frame and close (auth failures), rather than a MESSAGE on /user/queue/errors. */
  closes: boolean;
}

/**
 * The one STOMP mapper: any error to the code and message a STOMP client gets, read from the
 * error table. Unknown errors are INTERNAL (the caller logs them), a dependency outage is
 * SERVICE_UNAVAILABLE.
 */
export function stompErrorPayload(error: unknown): StompErrorPayload {
  const e = error instanceof AppError ? error : toAppError(error);
  const row = ERRORS[e.code];
  return { code: row.stomp, message: e.message, closes: row.closes };
}
