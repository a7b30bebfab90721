import { AppError, type ErrorCode } from '@chat/platform';

/** STOMP per-request error codes of the chat service (payload of /user/queue/errors). */
export type ChatErrorCode =
  | 'NOT_A_MEMBER'
  | 'ROOM_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'INVALID_PAYLOAD'
  | 'CONTENT_TOO_LONG'
  | 'INVALID_DESTINATION'
  | 'USER_SUSPENDED'
  | 'INTERNAL';

const HTTP: Record<ChatErrorCode, ErrorCode> = {
  NOT_A_MEMBER: 'FORBIDDEN',
  ROOM_NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INVALID_PAYLOAD: 'BAD_REQUEST',
  CONTENT_TOO_LONG: 'BAD_REQUEST',
  INVALID_DESTINATION: 'BAD_REQUEST',
  USER_SUSPENDED: 'FORBIDDEN',
  INTERNAL: 'INTERNAL',
};

/** A chat failure that maps both to an HTTP error and to a STOMP error payload. */
export class ChatError extends AppError {
  constructor(
    readonly stompCode: ChatErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(HTTP[stompCode], message, headers);
  }

  static notAMember = (roomId: number) =>
    new ChatError('NOT_A_MEMBER', `You are not a member of room ${roomId}`);
  static roomNotFound = (roomId: number) => new ChatError('ROOM_NOT_FOUND', `Room ${roomId} not found`);
  static rateLimited = (retryAfterMs: number) =>
    new ChatError('RATE_LIMITED', 'Too many messages, slow down', {
      'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
    });
  static invalidPayload = (message: string) => new ChatError('INVALID_PAYLOAD', message);
  static contentTooLong = (message: string) => new ChatError('CONTENT_TOO_LONG', message);
  static invalidDestination = (destination: string) =>
    new ChatError('INVALID_DESTINATION', `Unknown destination ${destination}`);
  static suspended = () => new ChatError('USER_SUSPENDED', 'Your account cannot send messages');
}
