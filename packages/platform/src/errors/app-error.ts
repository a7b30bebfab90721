import { ERRORS, type ErrorCode, type HttpErrorCode } from '@chat/contracts';

export type { ErrorCode, HttpErrorCode };

/**
 * An expected failure with a stable code from the error table (`ERRORS` in @chat/contracts),
 * which gives its HTTP status and body `error`, and its STOMP code. Anything thrown that is
 * not an AppError is a bug and reaches clients only as INTERNAL, without its message.
 */
export class AppError extends Error {
  /** The HTTP status. */
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
    /** A refusal that says when to try again: in milliseconds (Retry-After has whole seconds). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }

  /** The `error` of the HTTP error body (NOT_A_MEMBER is FORBIDDEN on REST). */
  get httpCode(): HttpErrorCode {
    return ERRORS[this.code].http;
  }
}

/** `5 minutes`, `24 hours`, `90 seconds`. */
function formatWindow(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? '' : 's'}`;
  if (s % 60 === 0) return `${s / 60} minute${s === 60 ? '' : 's'}`;
  return `${s} second${s === 1 ? '' : 's'}`;
}

const retryAfterHeader = (ms: number) => ({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });

/** A refusal with its retry time: exact on STOMP (`retryAfterMs`), whole seconds in Retry-After. */
const retryLater = (code: ErrorCode, message: string, ms: number) =>
  new AppError(code, message, retryAfterHeader(ms), Math.max(0, Math.ceil(ms)));

/** Every error factory of every service, so each failure is built (and worded) once. */
export const Errors = {
  // Generic.
  badRequest: (message: string) => new AppError('BAD_REQUEST', message),
  unauthorized: (message = 'Authentication required') => new AppError('UNAUTHORIZED', message),
  forbidden: (message = 'Not allowed') => new AppError('FORBIDDEN', message),
  notFound: (what: string) => new AppError('NOT_FOUND', `${what} not found`),
  conflict: (message: string) => new AppError('CONFLICT', message),
  payloadTooLarge: (limitBytes: number) =>
    new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limitBytes} bytes`),
  tooManyRequests: (retryAfterMs: number) =>
    retryLater('TOO_MANY_REQUESTS', 'Too many requests, slow down', retryAfterMs),
  unavailable: (message: string) => new AppError('SERVICE_UNAVAILABLE', message),
  internal: () => new AppError('INTERNAL', 'Internal server error'),

  // Accounts (auth and users).
  emailTaken: () => new AppError('CONFLICT', 'Email is already registered'),
  userNotFound: (id: number | string) => new AppError('NOT_FOUND', `User ${id} not found`),
  notHttpUrl: (field: string) => new AppError('BAD_REQUEST', `body.${field} must be an absolute http(s) URL`),
  notOnYourself: (what: string) =>
    new AppError('BAD_REQUEST', `An administrator cannot ${what} their own account`),
  /** The same answer for an unknown email and a wrong password. */
  invalidCredentials: () => new AppError('UNAUTHORIZED', 'Invalid email or password'),
  /** Only once the password was right: the account exists but may not sign in. */
  accountNotActive: () => new AppError('FORBIDDEN', 'This account is not active'),
  invalidRefreshToken: () => new AppError('UNAUTHORIZED', 'Invalid or expired refresh token'),
  /** A signed-in user confirming an action typed a wrong password (400: a field error, not a sign-out). */
  wrongPassword: (field: string) => new AppError('BAD_REQUEST', `${field} is not the current password`),
  refreshTokenReused: () =>
    new AppError('UNAUTHORIZED', 'Refresh token was already used; the session has been revoked'),

  // Chat.
  notAMember: (roomId: number) => new AppError('NOT_A_MEMBER', `You are not a member of room ${roomId}`),
  roomNotFound: (roomId: number) => new AppError('ROOM_NOT_FOUND', `Room ${roomId} not found`),
  rateLimited: (retryAfterMs: number) =>
    retryLater('RATE_LIMITED', 'Too many messages, slow down', retryAfterMs),
  serverBusy: (retryAfterMs: number) =>
    retryLater('SERVER_BUSY', 'Messages are being delivered late: try again shortly', retryAfterMs),
  keptSendingWhileLimited: () =>
    new AppError('RATE_LIMITED', 'Too many messages while rate limited: disconnected'),
  noLongerAMember: (roomId: number, subscriptionId: string, destination: string) =>
    new AppError(
      'NOT_A_MEMBER',
      `No longer a member of room ${roomId}: subscription ${subscriptionId} to ${destination} ended`,
    ),
  invalidPayload: (message: string) => new AppError('INVALID_PAYLOAD', message),
  contentTooLong: (message: string) => new AppError('CONTENT_TOO_LONG', message),
  invalidDestination: (destination: string) =>
    new AppError('INVALID_DESTINATION', `Unknown destination ${destination}`),
  messageNotFound: (roomId: number, messageId: number) =>
    new AppError('MESSAGE_NOT_FOUND', `Message ${messageId} not found in room ${roomId}`),
  notYourMessage: () => new AppError('NOT_YOUR_MESSAGE', 'Only the sender can change a message'),
  changeWindowClosed: (what: 'edited' | 'unsent', windowMs: number) =>
    new AppError(
      'CHANGE_WINDOW_CLOSED',
      `A message can be ${what} only within ${formatWindow(windowMs)} of sending`,
    ),
  messageUnsent: () => new AppError('MESSAGE_UNSENT', 'The message was unsent; it cannot change any more'),
  notRoomOwner: () => new AppError('NOT_ROOM_OWNER', 'Only the room owner can do this'),
  roomClosed: (roomId: number) =>
    new AppError('ROOM_CLOSED', `Room ${roomId} was closed by its owner; it takes no new messages`),
  attachmentNotFound: (id: string) =>
    new AppError('ATTACHMENT_NOT_FOUND', `Attachment ${id} not found (or not yours to send in this room)`),
  attachmentExpired: (id: string) => new AppError('ATTACHMENT_NOT_FOUND', `Attachment ${id} expired`),
  uploadQuotaExceeded: (quotaBytes: number, retryAfterMs: number) =>
    retryLater(
      'UPLOAD_QUOTA_EXCEEDED',
      `Uploads of the last 24 hours reached the quota of ${quotaBytes} bytes`,
      retryAfterMs,
    ),
  fileTooLarge: (limitBytes: number) =>
    new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${limitBytes} bytes`),
  rangeNotSatisfiable: (size: number) =>
    new AppError('RANGE_NOT_SATISFIABLE', `The range is outside the file of ${size} bytes`, {
      'content-range': `bytes */${size}`,
    }),
  cannotSubscribe: (destination: string) =>
    new AppError('INVALID_DESTINATION', `Cannot subscribe to ${destination}`),

  emoticonNotOwned: (itemId: number) =>
    new AppError('EMOTICON_NOT_OWNED', `You do not hold emoticon pack ${itemId}: buy it in the store first`),

  // Store.
  itemNotFound: (id: number) => new AppError('NOT_FOUND', `Item ${id} not found`),
  itemNotOnSale: (id: number) => new AppError('CONFLICT', `Item ${id} is not on sale`),
  alreadyOwned: (who: 'You' | 'The receiver') =>
    new AppError('CONFLICT', `${who} already ${who === 'You' ? 'hold' : 'holds'} this pack`),
  insufficientPoints: (balance: number, price: number) =>
    new AppError('CONFLICT', `Not enough points: the balance is ${balance}, the price ${price}`),
  idempotencyKeyRequired: () =>
    new AppError('BAD_REQUEST', 'The Idempotency-Key header is required (8 to 64 of A-Z a-z 0-9 _ -)'),
  idempotencyKeyReused: () =>
    new AppError('CONFLICT', 'This Idempotency-Key was used for a different request'),
  orderNotFound: (id: number) => new AppError('NOT_FOUND', `Order ${id} not found`),
  orderState: (id: number, status: string, what: string) =>
    new AppError('CONFLICT', `Order ${id} is ${status}: it cannot be ${what}`),
  paymentNotFound: () => new AppError('NOT_FOUND', 'Payment not found'),
  paymentMismatch: () => new AppError('CONFLICT', 'The payment key does not belong to this order'),
  paymentDeclined: (why: string) => new AppError('CONFLICT', `The payment was declined: ${why}`),
  paymentProviderUnavailable: () =>
    new AppError(
      'SERVICE_UNAVAILABLE',
      'The payment provider did not answer: the order waits for its confirmation',
    ),
  cardPaymentsDisabled: () =>
    new AppError('CONFLICT', 'Card payments are not configured on this server: pay with points'),
  refundNotAllowed: (why: string) => new AppError('CONFLICT', `Refund not possible: ${why}`),
  badWebhookSignature: () => new AppError('UNAUTHORIZED', 'Webhook signature missing or invalid'),
  giftToSelf: () =>
    new AppError('BAD_REQUEST', 'body.giftTo must be someone else: buy it for yourself without it'),

  // Social: follows.
  followSelf: () => new AppError('BAD_REQUEST', 'You cannot follow yourself'),
  alreadyFollowing: (id: number) => new AppError('CONFLICT', `You already follow user ${id}`),
  alreadyRequested: (id: number) =>
    new AppError('CONFLICT', `Your request to follow user ${id} is waiting for their answer`),
  followRequestNotFound: (id: number) => new AppError('NOT_FOUND', `No follow request from user ${id}`),
  cannotFollow: (id: number) => new AppError('FORBIDDEN', `You cannot follow user ${id}`),
  privateAccount: (id: number) =>
    new AppError('FORBIDDEN', `User ${id}'s account is private: only approved followers see it`),

  // Social: posts.
  postNotFound: (id: number) => new AppError('NOT_FOUND', `Post ${id} not found`),
  notYourPost: () => new AppError('FORBIDDEN', 'Only the author can change or delete a post'),
  emptyPost: () => new AppError('BAD_REQUEST', 'A post needs text or at least one image'),
  badTag: (tag: string, why: string) =>
    new AppError('BAD_REQUEST', `body.tags: ${JSON.stringify(tag.slice(0, 40))} ${why}`),
  mentionsNotFound: (ids: readonly number[]) =>
    new AppError('BAD_REQUEST', `body.mentions: no user ${ids.join(', ')}`),
  postImageNotFound: (id: string) =>
    new AppError('BAD_REQUEST', `body.imageIds: ${id} is not an upload of yours waiting for a post`),
  postImageType: (types: readonly string[]) =>
    new AppError(
      'BAD_REQUEST',
      `Send the image as the body, with the Content-Type it has: one of ${types.join(', ')}`,
    ),
  tooManyWaitingImages: (max: number) =>
    new AppError(
      'CONFLICT',
      `${max} of your images wait for a post: post them (imageIds) before uploading more`,
    ),
  postImageNotAnImage: (type: string) =>
    new AppError('BAD_REQUEST', `The body is not the ${type} image its Content-Type says`),
  commentNotFound: (id: number) => new AppError('NOT_FOUND', `Comment ${id} not found`),
  replyToReply: (id: number) =>
    new AppError('BAD_REQUEST', `Comment ${id} is a reply: reply to the comment it answers (one level deep)`),
  parentNotFound: (postId: number, id: number) =>
    new AppError('BAD_REQUEST', `body.parentId: post ${postId} has no comment ${id}`),
  notYourComment: () =>
    new AppError('FORBIDDEN', "Only the comment's author or the post's author can delete a comment"),
  alreadyReacted: (postId: number) =>
    new AppError(
      'CONFLICT',
      `You already reacted to post ${postId}: change it with PUT /api/social/posts/${postId}/reactions/me`,
    ),
  reactionNotFound: (postId: number) => new AppError('NOT_FOUND', `You have not reacted to post ${postId}`),

  // Social: rooms (mini-homepages).
  assetNotFound: (id: number) => new AppError('NOT_FOUND', `Asset ${id} not found`),
  assetWithdrawn: (id: number) =>
    new AppError('CONFLICT', `Asset ${id} is withdrawn from the catalog: it cannot be granted`),
  assetAlreadyOwned: (userId: number, assetId: number) =>
    new AppError('CONFLICT', `User ${userId} already owns asset ${assetId}`),
  assetNotOwned: (field: string, id: number) =>
    new AppError('CONFLICT', `${field}: you do not own asset ${id}`),
  notADecoration: (field: string, id: number) =>
    new AppError('BAD_REQUEST', `${field}: asset ${id} is an avatar item, not a room decoration`),
  decorationPlacedTwice: (field: string, id: number) =>
    new AppError('BAD_REQUEST', `${field}: asset ${id} is placed twice (each decoration at most once)`),
  decorationOutsideRoom: (field: string, width: number, height: number) =>
    new AppError('BAD_REQUEST', `${field} is outside the room: x must be 0..${width} and y 0..${height}`),
  tooManyDecorations: (max: number) =>
    new AppError('BAD_REQUEST', `body.decorations: at most ${max} decorations in a room`),
  roomBackgroundChoice: () =>
    new AppError('BAD_REQUEST', 'body.background must have exactly one of color and assetId'),
  blankText: (field: string) => new AppError('BAD_REQUEST', `${field} must not be blank`),
  guestbookEntryNotFound: (id: number) => new AppError('NOT_FOUND', `Guestbook entry ${id} not found`),
  notGuestbookAuthor: () =>
    new AppError('FORBIDDEN', 'Only its author can delete a guestbook entry: the room owner can hide it'),
  noRoomToVisit: (scope: 'all' | 'fof') =>
    new AppError(
      'NOT_FOUND',
      scope === 'fof'
        ? 'No active public room among the people followed by those you follow: try scope=all'
        : 'No active public room to visit right now',
    ),

  // Social: avatars.
  notAnAvatarItem: (field: string, id: number) =>
    new AppError('BAD_REQUEST', `${field}: asset ${id} is a room decoration, not an avatar item`),
  avatarCategoryTwice: (field: string, id: number, category: string) =>
    new AppError(
      'BAD_REQUEST',
      `${field}: asset ${id} is a second item of category ${JSON.stringify(category)} (one item per category)`,
    ),

  // Social: notifications.
  notificationNotFound: (id: number) => new AppError('NOT_FOUND', `Notification ${id} not found`),

  // STOMP sessions.
  tokenExpired: () => new AppError('TOKEN_EXPIRED', 'Access token expired'),
  tokenRevoked: () => new AppError('TOKEN_REVOKED', 'Access token revoked'),
  tooManyConnections: (max: number) =>
    new AppError('TOO_MANY_CONNECTIONS', `At most ${max} connections per user`),

  // WebSocket endpoints, asked otherwise than with an upgrade they take.
  notAnUpgrade: (path: string) =>
    new AppError(
      'BAD_REQUEST',
      `${path} is a WebSocket endpoint: open it with Upgrade: websocket (STOMP subprotocols v12.stomp, v11.stomp, v10.stomp)`,
    ),
  unknownWebSocketPath: (path: string) => new AppError('NOT_FOUND', `WebSocket endpoint ${path} not found`),
  shuttingDown: () => new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down: connect again'),
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
