import type { IncomingMessage } from 'node:http';
import { NOTIFICATIONS_DESTINATION, type TypingEvent } from '@chat/contracts';
import { Errors, type Logger, withRequestId } from '@chat/platform';
import {
  createStompServer,
  type SendContext,
  type StompFrame,
  type StompServer,
  type StompSession,
} from '@chat/stomp';
import type { MessageSender } from '../messages/message-sender.ts';
import { parseSendPayload } from '../messages/send-command.ts';
import type { ChatMetrics } from '../metrics.ts';
import type { RoomService } from '../rooms/room.service.ts';
import type { UserDirectory } from '../users/user-directory.ts';
import { createAbuseGuard } from './abuse-guard.ts';
import { createConnectionCounter } from './connection-counter.ts';
import { PRESENCE_DESTINATION } from './presence-events.ts';
import { ROOMS_DESTINATION } from './room-events.ts';
import { parseRoomDestination } from './room-fanout.ts';
import type { RoomSubscriptions } from './room-subscriptions.ts';
import { endSession, retryAfterOf, toStompError, userError } from './stomp-errors.ts';

/** Who a STOMP session belongs to, from its access token. */
export interface ChatPrincipal {
  userId: number;
  email: string;
  role: string;
  /** Session and token ids, issued-at and expiry (epoch s): see session-expiry.ts. */
  sid: string;
  jti: string;
  iat: number;
  exp: number;
}

export type AccessTokenCheck = (token: string) => Promise<ChatPrincipal>;

const TYPING_INTERVAL_MS = 1000;

export interface StompGatewayDeps {
  verifyToken: AccessTokenCheck;
  rooms: RoomService;
  sender: MessageSender;
  users: UserDirectory;
  roomSubscriptions: RoomSubscriptions;
  publishTyping: (t: TypingEvent) => Promise<void>;
  metrics: ChatMetrics;
  logger: Logger;
  stomp: {
    heartbeatMs: number;
    maxFrameBytes: number;
    abuseRejections: number;
    abuseWindowMs: number;
    maxSubscriptions: number;
    maxConnectionsPerUser: number;
    connectTimeoutMs: number;
    maxIdleMs: number;
  };
  /**
   * A session is about to complete CONNECT. Synchronous: nothing may run between this and the
   * session being open (presence re-counts sessions on a timer and must never see it half-way).
   */
  onSessionOpen: (userId: number) => void;
  onSessionClose: (session: StompSession<ChatPrincipal>) => void;
  /** The session subscribed to /topic/presence (true) or has no such subscription left (false). */
  onPresenceWatch: (session: StompSession<ChatPrincipal>, watching: boolean) => void;
}

function bearer(frame: StompFrame): string | undefined {
  const value = frame.headers.Authorization ?? frame.headers.authorization;
  const m = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return m?.[1];
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw Errors.invalidPayload('Body must be a JSON object');
}

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw Errors.invalidPayload(`${field} must be a positive integer`);
  }
  return value;
}

/** The chat service's STOMP endpoint: authentication, membership on every frame, the pipeline. */
export function createStompGateway(deps: StompGatewayDeps): StompServer<ChatPrincipal> {
  const lastTyping = new Map<string, number>();
  const abuse = createAbuseGuard({ limit: deps.stomp.abuseRejections, windowMs: deps.stomp.abuseWindowMs });
  const connections = createConnectionCounter(deps.stomp.maxConnectionsPerUser);

  async function onChatSend(session: StompSession<ChatPrincipal>, body: Buffer, ctx: SendContext) {
    const receiptId = ctx.deferReceipt();
    let messageKey: string | undefined;
    try {
      const raw = body.toString('utf8');
      const payload = parseSendPayload(raw);
      messageKey = payload.messageKey;
      await deps.sender.send(session.principal.userId, payload);
      deps.logger.debug({ roomId: payload.roomId, messageKey }, 'message accepted');
      if (receiptId !== undefined) session.sendReceipt(receiptId);
    } catch (err) {
      const e = toStompError(err, deps.logger);
      deps.metrics.stompErrors.inc({ code: e.code });
      session.sendUserError(
        userError(e, {
          ...(receiptId !== undefined ? { receiptId } : {}),
          ...(messageKey !== undefined ? { messageKey } : keyFrom(body)),
          ...retryAfterOf(err),
        }),
      );
      if (e.code === 'RATE_LIMITED' && abuse.refused(session)) {
        deps.logger.warn(
          { userId: session.principal.userId },
          'STOMP session closed: kept sending while limited',
        );
        endSession(session, Errors.keptSendingWhileLimited(), 1008);
      }
    }
  }

  async function onRead(session: StompSession<ChatPrincipal>, body: Buffer) {
    const o = parseJson(body);
    const roomId = positiveInt(o.roomId, 'roomId');
    const lastReadMessageId = positiveInt(o.lastReadMessageId, 'lastReadMessageId');
    await deps.rooms.markRead(session.principal.userId, roomId, lastReadMessageId);
  }

  async function onTyping(session: StompSession<ChatPrincipal>, body: Buffer) {
    const roomId = positiveInt(parseJson(body).roomId, 'roomId');
    const userId = session.principal.userId;
    const key = `${userId}:${roomId}`;
    const now = Date.now();
    if (now - (lastTyping.get(key) ?? 0) < TYPING_INTERVAL_MS) return; // throttled, silently
    await deps.rooms.requireMember(roomId, userId);
    lastTyping.set(key, now);
    if (lastTyping.size > 100_000) lastTyping.clear();
    const user = await deps.users.get(userId);
    await deps.publishTyping({ roomId, userId, nickname: user?.nickname ?? '(unknown)' });
  }

  return createStompServer<ChatPrincipal>({
    heartbeat: {
      outgoingMs: deps.stomp.heartbeatMs,
      incomingMs: deps.stomp.heartbeatMs,
      silenceMultiplier: 3,
    },
    maxFrameBytes: deps.stomp.maxFrameBytes,
    maxSubscriptionsPerSession: deps.stomp.maxSubscriptions,
    connectTimeoutMs: deps.stomp.connectTimeoutMs,
    maxIdleMs: deps.stomp.maxIdleMs,
    serverName: 'chat-platform',
    logger: deps.logger,
    // Each frame (and the session's hooks) runs as part of the session's request (the
    // upgrade's X-Request-Id): its log lines, its calls to users and the records it appends
    // carry that id.
    frameScope: withRequestId,

    async authenticate(frame: StompFrame, _req: IncomingMessage | undefined) {
      const token = bearer(frame);
      if (!token) throw toStompError(Errors.unauthorized('Missing Authorization: Bearer token'), deps.logger);
      let principal: ChatPrincipal;
      try {
        principal = await deps.verifyToken(token);
      } catch {
        throw toStompError(Errors.unauthorized('Invalid or expired token'), deps.logger);
      }
      if (connections.full(principal.userId)) {
        throw toStompError(Errors.tooManyConnections(deps.stomp.maxConnectionsPerUser), deps.logger);
      }
      return principal;
    },

    // Not in authenticate: a socket closed while its token was being checked never opens,
    // and would never be counted as closed.
    // Both run under the session's request id (frameScope), like its frames.
    onConnect(session) {
      connections.opened(session.principal.userId);
      deps.onSessionOpen(session.principal.userId);
      deps.logger.debug({ userId: session.principal.userId, session: session.id }, 'STOMP session opened');
    },

    onDisconnect(session, reason) {
      deps.logger.debug(
        { userId: session.principal.userId, session: session.id, reason },
        'STOMP session closed',
      );
      connections.closed(session.principal.userId);
      deps.roomSubscriptions.removeSession(session);
      deps.onSessionClose(session);
    },

    async onSubscribe(session, destination, subscriptionId) {
      if (destination === '/user/queue/errors' || destination === ROOMS_DESTINATION) return;
      if (destination === NOTIFICATIONS_DESTINATION) return;
      if (destination === PRESENCE_DESTINATION) {
        deps.onPresenceWatch(session, true);
        return;
      }
      const topic = parseRoomDestination(destination);
      if (!topic) throw toStompError(Errors.cannotSubscribe(destination), deps.logger);
      const { userId } = session.principal;
      const epoch = deps.roomSubscriptions.epoch(topic.roomId);
      try {
        await deps.rooms.requireMember(topic.roomId, userId);
        await deps.roomSubscriptions.add(session, subscriptionId, destination, topic);
        // The membership changed meanwhile: that revocation may have missed this subscription.
        if (deps.roomSubscriptions.epoch(topic.roomId) !== epoch) {
          await deps.rooms.requireMember(topic.roomId, userId);
        }
      } catch (err) {
        deps.roomSubscriptions.remove(session, subscriptionId);
        throw toStompError(err, deps.logger);
      }
    },

    onUnsubscribe(session, subscription) {
      deps.roomSubscriptions.remove(session, subscription.id);
      if (subscription.destination !== PRESENCE_DESTINATION) return;
      for (const other of session.subscriptions()) if (other.destination === PRESENCE_DESTINATION) return;
      deps.onPresenceWatch(session, false);
    },

    async onSend(session, destination, body, _headers, ctx) {
      if (destination === '/app/chat.send') return onChatSend(session, body, ctx);
      try {
        if (destination === '/app/chat.read') await onRead(session, body);
        else if (destination === '/app/chat.typing') await onTyping(session, body);
        else throw Errors.invalidDestination(destination);
      } catch (err) {
        const e = toStompError(err, deps.logger);
        deps.metrics.stompErrors.inc({ code: e.code });
        throw e;
      }
    },
  });
}

function keyFrom(body: Buffer): { messageKey?: string } {
  try {
    const v = JSON.parse(body.toString('utf8')) as { messageKey?: unknown };
    return typeof v.messageKey === 'string' ? { messageKey: v.messageKey.slice(0, 64) } : {};
  } catch {
    return {};
  }
}
