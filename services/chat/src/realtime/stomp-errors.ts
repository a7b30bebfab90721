import { type AppError, isAppError, type Logger, stompErrorPayload } from '@chat/platform';
import { StompError, type StompSession, type UserErrorPayload } from '@chat/stomp';

/**
 * The STOMP edge's one mapper: any error to the StompError a session reports, with the code
 * and the close-or-not of the error table. A bug is INTERNAL and logged here.
 */
export function toStompError(err: unknown, logger: Logger): StompError {
  const { code, message, closes } = stompErrorPayload(err);
  if (code === 'INTERNAL') logger.error({ err }, 'STOMP request failed');
  else if (code === 'SERVICE_UNAVAILABLE' && !isAppError(err))
    logger.warn({ err }, 'STOMP request failed: a dependency is unavailable');
  return new StompError(code, message, { fatal: closes });
}

/** The `/user/queue/errors` payload: `{code, message}` then the extras (receiptId, messageKey...). */
export function userError(
  error: StompError,
  extra: Readonly<Record<string, unknown>> = {},
): UserErrorPayload {
  return { code: error.code, message: error.message, ...extra };
}

/** Ends a session: an ERROR frame with the table's `code` header and the message, then close. */
export function endSession<P>(session: StompSession<P>, error: AppError, closeCode?: number): void {
  const { code, message } = stompErrorPayload(error);
  session.error(message, { code }, closeCode);
}

/** `retryAfterMs` for a refusal that says when to try again (RATE_LIMITED, SERVER_BUSY). */
export function retryAfterOf(err: unknown): { retryAfterMs?: number } {
  return isAppError(err) && err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {};
}
