import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type ChatStatsClient,
  type ChatUpkeepClient,
  decodeUserControl,
  STORE_EVENTS_TOPIC,
  USERS_EVENTS_TOPIC,
  type UserControlNotice,
  type UsersClient,
} from '@chat/contracts';
import {
  createOutboxRelay,
  createRateLimit,
  registerOutboxMetrics,
  type ServiceContext,
  type ServiceModule,
  withLocalTokenFallback,
} from '@chat/platform';
import { principalOf, type ServiceAuth } from '@chat/security';
import type { StompServer } from '@chat/stomp';
import type { FastifyRequest } from 'fastify';
import { createAttachmentRepository } from './attachments/attachment.repository.ts';
import { registerAttachmentRoutes } from './attachments/attachment.routes.ts';
import { createAttachmentService } from './attachments/attachment.service.ts';
import { createAttachmentCleanup } from './attachments/attachment-cleanup.ts';
import { createBlockRepository } from './blocks/block.repository.ts';
import { registerBlockRoutes } from './blocks/block.routes.ts';
import { BLOCK_EVENTS } from './blocks/block-events.ts';
import { createEmoticonRepository } from './emoticons/emoticon.repository.ts';
import { createEmoticons } from './emoticons/emoticon.service.ts';
import { CHAT_STORE_GROUP, createStoreEventsConsumer } from './emoticons/store-events.consumer.ts';
import { createExportRepository } from './export/export.repository.ts';
import { registerExportRoutes } from './export/export.routes.ts';
import { createChangeSender } from './messages/change-sender.ts';
import { createMessageRepository } from './messages/message.repository.ts';
import { registerMessageChangeRoutes } from './messages/message-change.routes.ts';
import { createMessageChangeRepository } from './messages/message-changes.repository.ts';
import { MESSAGES_TOPIC, PERSIST_GROUP } from './messages/message-log.ts';
import { createMessageSender } from './messages/message-sender.ts';
import { createPersistConsumer } from './messages/persist.consumer.ts';
import { createChatMetrics } from './metrics.ts';
import { createPushRepository } from './push/push.repository.ts';
import { registerPushRoutes } from './push/push.routes.ts';
import { createPushNotifier } from './push/push-notifier.ts';
import { channels, createBroadcaster } from './realtime/broadcaster.ts';
import { createDeliveryLag } from './realtime/delivery-lag.ts';
import { createNotificationEvents } from './realtime/notification-events.ts';
import { createPresence } from './realtime/presence.ts';
import { createRoomEvents } from './realtime/room-events.ts';
import { createRoomFanout } from './realtime/room-fanout.ts';
import { createRoomSubscriptions } from './realtime/room-subscriptions.ts';
import { createSessionExpiry } from './realtime/session-expiry.ts';
import { createSockJsEndpoint } from './realtime/sockjs-endpoint.ts';
import { type ChatPrincipal, createStompGateway } from './realtime/stomp-gateway.ts';
import { listenStompTcp, type StompTcpListener } from './realtime/stomp-tcp.ts';
import { createMembershipCache } from './rooms/membership.ts';
import { presentRoomSummary } from './rooms/room.presenter.ts';
import { createRoomRepository } from './rooms/room.repository.ts';
import { registerRoomRoutes } from './rooms/room.routes.ts';
import { createRoomService } from './rooms/room.service.ts';
import { registerRoomAdminRoutes } from './rooms/room-admin.routes.ts';
import { createRoomCache } from './rooms/room-cache.ts';
import { createSystemMessages } from './rooms/system-messages.ts';
import { createSearchRepository } from './search/search.repository.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { createMessageSearch } from './search/search.service.ts';
import { createSearchIndexer } from './search/search-indexer.ts';
import { createConnectionPeaks } from './stats/connection-peaks.ts';
import { registerStatsInternalRoutes } from './stats/stats.internal-routes.ts';
import { createChatStats } from './stats/stats.repository.ts';
import { createChatUpkeep } from './upkeep/unread-check.ts';
import { registerLastSeenRoutes } from './users/last-seen.routes.ts';
import { createLastSeen } from './users/last-seen.ts';
import { createUserDirectory } from './users/user-directory.ts';
import { CHAT_USERS_GROUP, createUserEventsConsumer } from './users/user-events.consumer.ts';

/** The STOMP endpoint: WebSocket upgrades of the path itself, SockJS under it. */
const STOMP_PATH = '/ws';
const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0];
const SOCKJS_WEBSOCKET = /^\/ws(?:\/[^/.]+\/[^/.]+)?\/websocket$/;

export interface ChatClients {
  readonly users?: UsersClient;
}

/** What the chat module offers the services built after it (batch): its figures. */
export interface ChatProvides {
  readonly stats: ChatStatsClient;
  /** Upkeep the batch service drives (unread reconciliation). */
  readonly upkeep: ChatUpkeepClient;
}

/**
 * The chat service: rooms, members, messages, receipts, presence and the STOMP endpoint, with
 * the message pipeline (SEND -> log -> persistence consumer -> pub/sub -> every node).
 */
export async function createChatService(
  ctx: ServiceContext<ChatClients, ServiceAuth>,
): Promise<ServiceModule<ChatProvides>> {
  const { infra, config, logger } = ctx;
  // Shared by the process: REST guards, STOMP CONNECT and session expiry ask the same verifier.
  const { verifier, guards } = ctx.auth;
  // Back-pressure: SENDs wait while this node's subscribers get messages late.
  const deliveryLag = createDeliveryLag(config.stomp.busyLagMs);
  const metrics = createChatMetrics(
    ctx.metrics,
    async () =>
      (await infra.log.lag(MESSAGES_TOPIC, PERSIST_GROUP)).map((p) => ({ group: PERSIST_GROUP, ...p })),
    deliveryLag.lagMs,
  );
  const roomRepo = createRoomRepository(infra.db);
  const messageRepo = createMessageRepository(infra.db);
  const changeRepo = createMessageChangeRepository(infra.db);
  // Block changes reach the log (chat.blocks) for the services that honour chat's block list.
  const blockRelay = createOutboxRelay({ ...infra, logger, table: BLOCK_EVENTS.table });
  registerOutboxMetrics(ctx.metrics, blockRelay, 'chat', 'Block changes');
  const blockRepo = createBlockRepository(infra.db, () => void blockRelay.kick());
  const lastSeen = createLastSeen(infra.db);
  let stompSessionsOpen = 0;
  const peaks = createConnectionPeaks({
    db: infra.db,
    cache: infra.cache,
    logger,
    open: () => stompSessionsOpen,
    nodeId: `${process.pid}-${randomUUID().slice(0, 8)}`,
  });
  const stats = createChatStats(infra.db, peaks);
  const changeWindows = {
    editMs: config.messageChanges.editWindowMs,
    unsendMs: config.messageChanges.unsendWindowMs,
  };
  const usersClient = ctx.clients.users;
  const roomCache = createRoomCache(infra.cache, (err) =>
    logger.debug({ err }, 'room cache unreachable: served from the database'),
  );
  /**
   * A nickname shows in the details and pages of the user's rooms and in the lists of everyone
   * in them (as a direct room's peer or a last message's sender).
   */
  const nicknameChanged = async (userId: number) => {
    const coMemberships = await roomRepo.coMemberships(userId);
    const roomIds = coMemberships.map((m) => m.roomId);
    await roomCache.invalidate({
      details: roomIds,
      pages: roomIds,
      lists: coMemberships.map((m) => m.userId),
    });
  };
  const directory = createUserDirectory(
    infra.db,
    usersClient && {
      async getUser(id) {
        const u = await usersClient.getUser(id);
        return u && { id: u.id, nickname: u.nickname, status: u.status };
      },
    },
    nicknameChanged,
  );
  const membership = createMembershipCache(roomRepo, infra.pubsub, logger);
  const system = createSystemMessages({ log: infra.log, users: directory, logger });
  const emoticonRepo = createEmoticonRepository(infra.db);
  const emoticons = createEmoticons({ repo: emoticonRepo, log: infra.log, logger });
  const broadcaster = createBroadcaster(infra.pubsub);
  let stomp: StompServer<ChatPrincipal> | undefined;
  const roomEvents = createRoomEvents({
    pubsub: infra.pubsub,
    sessions: () => stomp?.sessions() ?? [],
    listItem: async (userId, roomId) => {
      const row = await roomRepo.listItem(userId, roomId);
      return row && presentRoomSummary(row);
    },
    logger,
  });
  const notificationEvents = createNotificationEvents({
    pubsub: infra.pubsub,
    sessions: () => stomp?.sessions() ?? [],
    logger,
    cache: infra.cache,
    push: (userId, payload) => notifier?.notifyUser(userId, payload) ?? Promise.resolve(),
  });
  const rooms = createRoomService({
    cache: roomCache,
    rooms: roomRepo,
    messages: messageRepo,
    changes: changeRepo,
    users: directory,
    membership,
    // Live only (history has the read marks): never fails the read it tells about.
    publishReceipt: (receipt) =>
      broadcaster
        .publishReceipt(receipt)
        .catch((err: unknown) => logger.warn({ err, roomId: receipt.roomId }, 'read receipt not published')),
    onRoomCreated: () => metrics.roomsCreated.inc(),
    system,
    blocks: blockRepo.blocks,
    roomListChanged: roomEvents.publish,
  });
  const search = createMessageSearch({
    repo: createSearchRepository(infra.db),
    messages: messageRepo,
    requireMember: rooms.requireMember,
  });
  const searchIndexer = createSearchIndexer({
    db: infra.db,
    logger,
    onBacklog: (pending) => metrics.searchBacklog.set(pending),
  });
  const attachments = createAttachmentService({
    repo: createAttachmentRepository(infra.db),
    storage: infra.storage,
    limits: config.attachments,
    logger,
    metrics: {
      stored: (kind, bytes) => {
        metrics.attachmentUploads.inc({ kind });
        metrics.attachmentBytes.inc(bytes);
      },
      refused: () => metrics.attachmentRefusals.inc(),
      imageProcessed: (seconds) => metrics.imageProcessing.observe(seconds),
      removed: (count) => metrics.attachmentsRemoved.inc(count),
    },
  });
  const upkeep = createChatUpkeep({
    db: infra.db,
    cache: roomCache,
    listFromDatabase: async (userId) => (await roomRepo.listForUser(userId)).map(presentRoomSummary),
    cleanUpAttachments: () => attachments.cleanUp(),
  });
  const attachmentCleanup = createAttachmentCleanup({ attachments, logger });
  const pushRepo = createPushRepository(infra.db);
  const { publicKey, privateKey, subject } = config.push;
  const notifier =
    publicKey && privateKey
      ? createPushNotifier({
          repo: pushRepo,
          vapid: { publicKey, privateKey, subject },
          logger,
          metrics: {
            sent: () => metrics.pushSent.inc(),
            failed: () => metrics.pushFailed.inc(),
            expired: () => metrics.pushExpired.inc(),
          },
        })
      : undefined;
  // Sends and REST writes: per-node buckets while the shared cache is down.
  const buckets = withLocalTokenFallback(infra.cache, (err) =>
    logger.debug({ err }, 'shared rate limits unreachable: per-node limits'),
  );
  const sendRate = { perSec: config.stomp.sendRatePerSec, burst: config.stomp.sendBurst };
  const sender = createMessageSender({
    log: infra.log,
    cache: buckets,
    rooms,
    replyTarget: changeRepo.target,
    attachmentFor: attachments.forSend,
    emoticons,
    rate: sendRate,
    busy: deliveryLag,
    onAccepted: () => metrics.sent.inc(),
  });
  const changeSender = createChangeSender({
    log: infra.log,
    cache: buckets,
    rooms,
    changes: changeRepo,
    windows: changeWindows,
    reactions: config.messageChanges.reactions,
    rate: sendRate,
  });
  const presence = createPresence({
    cache: infra.cache,
    pubsub: infra.pubsub,
    rooms: roomRepo,
    membership,
    logger,
    ttlMs: config.presenceTtlMs,
    onOffline: async (userId) => (await lastSeen.seen(userId))?.toISOString() ?? null,
    localSessions: function* () {
      for (const session of stomp?.sessions() ?? []) yield session.principal.userId;
    },
  });
  const fanout = createRoomFanout({
    pubsub: infra.pubsub,
    rooms: roomRepo,
    messages: messageRepo,
    changes: changeRepo,
    onDelivered: deliveryLag.observe,
    publishLocal: (destination, body, only) =>
      stomp?.publishLocal(
        destination,
        body,
        undefined,
        only && ((session) => only(session.principal.userId)),
      ),
    logger,
  });
  const roomSubscriptions = createRoomSubscriptions({
    fanout,
    isMember: async (roomId, userId) => (await membership.check(roomId, userId)) === 'member',
    logger,
  });
  // Every node hears every membership change (leave, removal, deleted room) and ends the
  // subscriptions of those no longer in the room.
  const stopRevoking = membership.onChange((roomId) => {
    roomSubscriptions
      .revokeNonMembers(roomId)
      .catch((err: unknown) => logger.error({ err, roomId }, 'revoking room subscriptions failed'));
  });
  // Notices missed while pub/sub was down: every room with live subscriptions is checked again.
  const stopGapRevoking = membership.onGap(() => {
    for (const roomId of roomSubscriptions.rooms()) {
      roomSubscriptions
        .revokeNonMembers(roomId)
        .catch((err: unknown) => logger.error({ err, roomId }, 'revoking room subscriptions failed'));
    }
  });
  stomp = createStompGateway({
    verifyToken: async (token) => {
      const p = await verifier.verifyAccessToken(token);
      return {
        userId: p.userId,
        email: p.email,
        role: p.role,
        sid: p.sid,
        jti: p.jti,
        iat: p.iat,
        exp: p.exp,
      };
    },
    rooms,
    sender,
    users: directory,
    roomSubscriptions,
    publishTyping: broadcaster.publishTyping,
    metrics,
    logger,
    stomp: config.stomp,
    onSessionOpen: (userId) => {
      metrics.sessions.inc();
      stompSessionsOpen += 1;
      peaks.opened();
      presence.connected(userId);
    },
    onSessionClose: (session) => {
      metrics.sessions.dec();
      stompSessionsOpen -= 1;
      presence.unwatch(session);
      presence.disconnected(session.principal.userId);
    },
    onPresenceWatch: (session, watching) => (watching ? presence.watch(session) : presence.unwatch(session)),
  });
  const gateway = stomp;
  let tcpListener: StompTcpListener | undefined;
  const sockJs = createSockJsEndpoint({
    prefix: STOMP_PATH,
    accept: (conn) => gateway.handleSockJs(conn),
    // A body carries frames (several per xhr_send): room for a few of the largest.
    maxBodyBytes: 4 * config.stomp.maxFrameBytes,
    logger,
  });
  const sessionExpiry = createSessionExpiry({
    sessions: () => gateway.sessions(),
    pubsub: infra.pubsub,
    isRevoked: (p) => verifier.isRevoked(p),
    logger,
  });

  const persist = createPersistConsumer({
    log: infra.log,
    messages: messageRepo,
    changes: changeRepo,
    windows: changeWindows,
    broadcaster,
    metrics,
    logger,
    // New messages change the rooms' newest pages, every member's room list (last
    // message, unread count, order) and the details (the senders' read marks moved). A
    // member who had hidden the room has it back: their open clients are told.
    afterCommit: async (messages, revealed) => {
      // First: a replay after a failure below finds the rows stored and reveals nothing again.
      await Promise.all(
        [...revealed].map(([roomId, userIds]) => roomEvents.publish('ROOM_ADDED', roomId, userIds)),
      );
      const roomIds = [...new Set(messages.map((m) => m.roomId))];
      const members = await Promise.all(roomIds.map((id) => membership.members(id)));
      await roomCache.invalidate({ pages: roomIds, details: roomIds, lists: members.flat() });
    },
    onStored: (messages) => notifier?.enqueue(messages),
  });
  const userEvents = createUserEventsConsumer({
    log: infra.log,
    directory,
    disconnectUser: broadcaster.disconnectUser,
    onNicknameChanged: nicknameChanged,
    logger,
  });
  const storeEvents = createStoreEventsConsumer({
    log: infra.log,
    applyInventory: emoticonRepo.applyInventory,
    directRoom: async (userId, otherId) =>
      (JSON.parse((await rooms.createDirect(userId, otherId)).room) as { id: number }).id,
    postGift: system.postGift,
    logger,
  });
  let stopUserControl: (() => Promise<void>) | undefined;
  const userIdOf = (req: FastifyRequest) => principalOf(req).userId;
  const { limits } = config;

  return {
    name: 'chat',
    migrations: { schema: 'chat', dir: fileURLToPath(new URL('../migrations', import.meta.url)) },
    provides: { stats, upkeep },
    internalRoutes(app) {
      registerStatsInternalRoutes(app, stats, upkeep);
    },
    routes(app) {
      // SockJS's HTTP transports and info, before any body parsing (the library reads bodies itself).
      app.route({
        method: ['GET', 'POST', 'OPTIONS'],
        url: `${STOMP_PATH}/*`,
        schema: { hide: true },
        async onRequest(req, reply) {
          reply.hijack();
          sockJs.handleRequest(req.raw, reply.raw);
          return reply;
        },
        handler: async () => undefined,
      });
      const writeLimit = createRateLimit(buckets, {
        name: 'writes',
        perMin: limits.restWritesPerMin,
        keyOf: userIdOf,
      });
      registerRoomRoutes(app, rooms, { authenticate: guards.authenticate, userIdOf }, presence, {
        roomCreate: createRateLimit(buckets, {
          name: 'rooms:create',
          perMin: limits.roomCreatesPerMin,
          keyOf: userIdOf,
        }),
        write: writeLimit,
      });
      registerRoomAdminRoutes(app, rooms, { authenticate: guards.authenticate, userIdOf }, writeLimit);
      registerLastSeenRoutes(
        app,
        rooms,
        lastSeen,
        { authenticate: guards.authenticate, userIdOf },
        writeLimit,
      );
      registerExportRoutes(app, {
        repo: createExportRepository(infra.db),
        auth: { authenticate: guards.authenticate, userIdOf },
        limit: createRateLimit(buckets, {
          name: 'export:chat',
          perMin: limits.exportsPerHour,
          periodMs: 3_600_000,
          keyOf: userIdOf,
        }),
        logger,
      });
      // Message searches per user: the budget of people searches (SEARCH_RATE_PER_MIN), a bucket of their own.
      registerSearchRoutes(
        app,
        search,
        { authenticate: guards.authenticate, userIdOf },
        createRateLimit(buckets, {
          name: 'messages:search',
          perMin: limits.searchesPerMin,
          keyOf: userIdOf,
        }),
      );
      registerBlockRoutes(
        app,
        blockRepo,
        directory,
        { authenticate: guards.authenticate, userIdOf },
        writeLimit,
      );
      registerAttachmentRoutes(app, {
        attachments,
        rooms,
        auth: { authenticate: guards.authenticate, userIdOf },
        writeLimit,
        maxBytes: config.attachments.maxBytes,
      });
      registerPushRoutes(app, {
        repo: pushRepo,
        publicKey,
        allowLocalHttp: !config.production,
        auth: { authenticate: guards.authenticate, userIdOf },
        writeLimit,
      });
      registerMessageChangeRoutes(
        app,
        rooms,
        changeSender,
        config.messageChanges.reactions,
        { authenticate: guards.authenticate, userIdOf },
        writeLimit,
      );
    },
    upgrade: {
      path: STOMP_PATH,
      // SockJS's WebSocket transports: /ws/{server}/{session}/websocket and /ws/websocket.
      also: (path: string) => SOCKJS_WEBSOCKET.test(path),
      handle(req, socket, head) {
        if (pathOnly(req.url) === STOMP_PATH) gateway.handleUpgrade(req, socket, head);
        else sockJs.handleUpgrade(req, socket, head);
      },
    },
    async start() {
      await infra.log.ensureTopic(MESSAGES_TOPIC);
      peaks.start();
      await membership.start();
      await roomEvents.start();
      await notificationEvents.start();
      await blockRelay.start();
      stopUserControl = await infra.pubsub.subscribe(channels.userControl, (payload) => {
        // Pub/sub payloads cross a process boundary: checked on receipt, a malformed one dropped.
        let notice: UserControlNotice;
        try {
          notice = decodeUserControl(payload);
        } catch (err) {
          logger.warn({ err, channel: channels.userControl }, 'malformed user control notice ignored');
          return;
        }
        for (const session of gateway.sessions()) {
          if (session.principal.userId === notice.userId) session.error(`Session closed: ${notice.reason}`);
        }
      });
      await sessionExpiry.start();
      await presence.start();
      if (config.consumers) {
        await persist.start();
        await userEvents.start();
        await storeEvents.start();
        attachmentCleanup.start();
        searchIndexer.start();
      } else {
        // Consumed on other nodes; known here too, for the admin API and the lag metric.
        infra.consumers.register(MESSAGES_TOPIC, PERSIST_GROUP);
        infra.consumers.register(USERS_EVENTS_TOPIC, CHAT_USERS_GROUP);
        infra.consumers.register(STORE_EVENTS_TOPIC, CHAT_STORE_GROUP);
      }
      // Last: a bot connecting over TCP finds everything else running.
      if (config.stomp.tcp) {
        tcpListener = await listenStompTcp({
          ...config.stomp.tcp,
          accept: (socket) => gateway.handleSocket(socket),
          logger,
        });
      }
    },
    async stop() {
      // Clients first (they reconnect elsewhere), then consumers finish their batch and commit.
      // Drains first: SENDs in progress finish and get their RECEIPTs, new frames are not read.
      const tcpClosed = tcpListener?.close();
      await gateway.close({
        message: 'server shutting down, reconnect',
        code: 1012,
        drainTimeoutMs: config.stomp.drainTimeoutMs,
      });
      await tcpClosed;
      await Promise.all([
        persist.stop(),
        userEvents.stop(),
        storeEvents.stop(),
        emoticons.idle(),
        attachmentCleanup.stop(),
        searchIndexer.stop(),
        peaks.stop(),
      ]);
      await notifier?.idle();
      await stopUserControl?.();
      stopRevoking();
      stopGapRevoking();
      await sessionExpiry.stop();
      await fanout.stop();
      await membership.stop();
      await roomEvents.stop();
      await notificationEvents.stop();
      await blockRelay.stop();
      await presence.stop();
    },
  };
}
