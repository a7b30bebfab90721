import {
  type BroadcastMessage,
  type ChatMessage,
  decodeChangeBroadcast,
  decodeMessageBroadcast,
  decodeReadReceipt,
  decodeTypingEvent,
  type MessageChange,
} from '@chat/contracts';
import type { Logger, PubSub, Unsubscribe } from '@chat/platform';
import { presentBroadcast, presentChangesPage } from '../messages/message.presenter.ts';
import type { MessageRepository } from '../messages/message.repository.ts';
import type { MessageChangeRepository } from '../messages/message-changes.repository.ts';
import type { RoomRepository } from '../rooms/room.repository.ts';
import { channels } from './broadcaster.ts';

/** Writes a body to every local subscription of a destination (of the users `only` accepts, if given). */
export type LocalPublish = (destination: string, body: string, only?: (userId: number) => boolean) => void;

export type RoomTopicKind = 'messages' | 'receipts' | 'typing' | 'changes';

export function destinationOf(kind: RoomTopicKind, roomId: number): string {
  return kind === 'messages' ? `/topic/room.${roomId}` : `/topic/room.${roomId}.${kind}`;
}

/** Canonical spelling only: a positive safe integer without leading zeros, sign or spaces. */
const ROOM_TOPIC = /^\/topic\/room\.([1-9]\d{0,15})(?:\.(receipts|typing|changes))?$/;

/** The room topic a destination names, or undefined unless it is spelled as `destinationOf` spells it. */
export function parseRoomDestination(
  destination: string,
): { roomId: number; kind: RoomTopicKind } | undefined {
  const m = ROOM_TOPIC.exec(destination);
  if (!m) return undefined;
  const roomId = Number(m[1]);
  if (!Number.isSafeInteger(roomId)) return undefined;
  return { roomId, kind: (m[2] as RoomTopicKind | undefined) ?? 'messages' };
}

interface RoomStream {
  /** Local subscriptions that hold this stream open (`<session>/<subscription id>`). */
  holders: Set<string>;
  unsubscribe: Promise<Unsubscribe>;
  /**
   * Settles once the stream listens and knows where live delivery starts; rejects when either
   * failed (pub/sub down, the room not read), after the stream left the map, so the next
   * subscriber of the room starts afresh instead of waiting on a stream that never started.
   */
  started: Promise<void>;
  /** Highest seq (changeSeq on a changes stream) written to this node's subscribers; null until known. */
  lastSeq: number | null;
  /** Serialises deliveries of the room, so gap fills keep the order. */
  chain: Promise<void>;
}

const GAP_FILL_PAGE = 100;

/**
 * Per node: listens to pub/sub for the rooms that have local subscribers and writes to them.
 * Each local subscription holds its room stream by its own key (session and subscription id),
 * whatever the destination's spelling: `acquire` adds a holder, `release` removes it, and the
 * stream stops when the last holder is gone. Messages are written in seq order exactly once per node: a seq already
 * written is dropped (a replayed batch), and a jump in seq (a lost pub/sub message) is filled
 * from history before going on. Receipts and typing pass straight through.
 */
export function createRoomFanout(deps: {
  pubsub: PubSub;
  rooms: RoomRepository;
  messages: MessageRepository;
  changes: MessageChangeRepository;
  publishLocal: LocalPublish;
  logger: Logger;
  /** Each new message written live, with when it was accepted (the delivery lag). */
  onDelivered?: (acceptedAtMs: number) => void;
}) {
  const streams = new Map<string, RoomStream>();

  /** A message to the room's local subscribers; those it is hidden from get it without its text. */
  function publishMessage(destination: string, m: BroadcastMessage | ChatMessage): void {
    const hidden = 'hiddenFor' in m && m.hiddenFor?.length ? new Set(m.hiddenFor) : undefined;
    if (!hidden) {
      deps.publishLocal(destination, JSON.stringify(m));
      return;
    }
    const { hiddenFor: _, ...message } = m as BroadcastMessage;
    deps.publishLocal(destination, JSON.stringify(message), (userId) => !hidden.has(userId));
    const copy: ChatMessage = {
      ...message,
      content: '',
      hidden: true,
      // The emoticon's alt is its text: not for those it is hidden from.
      ...(message.emoticon ? { emoticon: null } : {}),
      replyTo: null,
      reactions: [],
      mentions: [],
    };
    deps.publishLocal(destination, JSON.stringify(copy), (userId) => hidden.has(userId));
  }

  async function deliverMessages(roomId: number, stream: RoomStream, incoming: readonly BroadcastMessage[]) {
    const destination = destinationOf('messages', roomId);
    for (const m of incoming) {
      if (stream.lastSeq === null) stream.lastSeq = m.seq - 1;
      if (m.seq <= stream.lastSeq) continue;
      while (m.seq > stream.lastSeq + 1) {
        const gap = await deps.messages.afterSeq(roomId, stream.lastSeq, GAP_FILL_PAGE);
        const missing = gap.rows.filter((g) => g.seq < m.seq).map(presentBroadcast);
        if (missing.length === 0) break;
        for (const g of missing) publishMessage(destination, g);
        stream.lastSeq = missing.at(-1)!.seq;
      }
      publishMessage(destination, m);
      deps.onDelivered?.(m.timestamp);
      stream.lastSeq = m.seq;
    }
  }

  /** Changes as messages are delivered: in changeSeq order, once, gaps filled from the database. */
  async function deliverChanges(roomId: number, stream: RoomStream, incoming: readonly MessageChange[]) {
    const destination = destinationOf('changes', roomId);
    for (const c of incoming) {
      if (stream.lastSeq === null) stream.lastSeq = c.changeSeq - 1;
      if (c.changeSeq <= stream.lastSeq) continue;
      if (c.changeSeq > stream.lastSeq + 1) {
        // Missed ones come back in their latest state: a message changed again since appears
        // once, at its newer changeSeq (this one, or a later one that then supersedes it).
        let after = stream.lastSeq;
        for (;;) {
          const gap = await deps.changes.changedAfter(roomId, after, GAP_FILL_PAGE);
          const page = presentChangesPage(gap, 0).changes;
          const missing = page.filter((g) => g.changeSeq < c.changeSeq);
          for (const g of missing) deps.publishLocal(destination, JSON.stringify(g));
          if (!gap.hasMore || missing.length < page.length || missing.length === 0) break;
          after = missing.at(-1)!.changeSeq;
        }
      }
      deps.publishLocal(destination, JSON.stringify(c));
      stream.lastSeq = c.changeSeq;
    }
  }

  /**
   * Pub/sub payloads cross a process boundary: each is checked against the contract's schema
   * (and must be about this room); a malformed one is logged and dropped, never written to
   * clients, and never thrown out of the subscription.
   */
  function onMessage(roomId: number, kind: RoomTopicKind, stream: RoomStream, payload: string) {
    let body: string;
    try {
      if (kind === 'messages') {
        const batch = decodeMessageBroadcast(payload);
        if (batch.some((m) => m.roomId !== roomId)) throw new Error(`a message of another room`);
        stream.chain = stream.chain
          .then(() => deliverMessages(roomId, stream, batch))
          .catch((err: unknown) => deps.logger.error({ err, roomId }, 'room delivery failed'));
        return;
      }
      if (kind === 'changes') {
        const batch = decodeChangeBroadcast(payload);
        if (batch.some((c) => c.roomId !== roomId || c.message.roomId !== roomId)) {
          throw new Error('a change of another room');
        }
        stream.chain = stream.chain
          .then(() => deliverChanges(roomId, stream, batch))
          .catch((err: unknown) => deps.logger.error({ err, roomId }, 'room change delivery failed'));
        return;
      }
      body = kind === 'receipts' ? receiptBody(payload, roomId) : typingBody(payload, roomId);
    } catch (err) {
      deps.logger.warn({ err, roomId, kind }, 'malformed broadcast ignored');
      return;
    }
    deps.publishLocal(destinationOf(kind, roomId), body);
  }

  /** Ends a stream's pub/sub subscription, if it got one (a failed start has none to end). */
  async function stopListening(stream: RoomStream): Promise<void> {
    const unsubscribe = await stream.unsubscribe.catch(() => undefined);
    await unsubscribe?.();
  }

  return {
    /** Local subscription `holder` to a room topic is starting: listen to the room if not yet. */
    async acquire(kind: RoomTopicKind, roomId: number, holder: string): Promise<void> {
      const key = `${kind}:${roomId}`;
      const existing = streams.get(key);
      if (existing) {
        existing.holders.add(holder);
        await existing.started;
        return;
      }
      const created: RoomStream = {
        holders: new Set([holder]),
        lastSeq: null,
        chain: Promise.resolve(),
        unsubscribe: undefined!,
        started: undefined!,
      };
      streams.set(key, created);
      const channel = channels[kind](roomId);
      created.unsubscribe = deps.pubsub.subscribe(channel, (payload) =>
        onMessage(roomId, kind, created, payload),
      );
      if (kind === 'messages' || kind === 'changes') {
        // Everything up to the room's current seq is history: start live delivery after it.
        created.chain = deps.rooms.find(roomId).then((room) => {
          created.lastSeq ??= (kind === 'messages' ? room?.last_seq : room?.last_change_seq) ?? 0;
        });
      }
      created.started = Promise.all([created.unsubscribe, created.chain]).then(
        () => undefined,
        async (err: unknown) => {
          if (streams.get(key) === created) streams.delete(key);
          await stopListening(created).catch((e: unknown) =>
            deps.logger.warn({ err: e, roomId }, 'room stream not unsubscribed after a failed start'),
          );
          throw err;
        },
      );
      await created.started;
    },

    /** Local subscription `holder` ended; the last one to go stops the listening. */
    async release(kind: RoomTopicKind, roomId: number, holder: string): Promise<void> {
      const key = `${kind}:${roomId}`;
      const stream = streams.get(key);
      if (stream === undefined || !stream.holders.delete(holder) || stream.holders.size > 0) return;
      streams.delete(key);
      await stopListening(stream);
    },

    async stop(): Promise<void> {
      const all = [...streams.values()];
      streams.clear();
      await Promise.all(all.map(stopListening));
    },
  };
}

export type RoomFanout = ReturnType<typeof createRoomFanout>;

/** The client's receipt body, with the contract's fields only. */
function receiptBody(payload: string, roomId: number): string {
  const r = decodeReadReceipt(payload);
  if (r.roomId !== roomId) throw new Error('a receipt of another room');
  return JSON.stringify({ roomId: r.roomId, userId: r.userId, lastReadMessageId: r.lastReadMessageId });
}

/** The client's typing body, with the contract's fields only. */
function typingBody(payload: string, roomId: number): string {
  const t = decodeTypingEvent(payload);
  if (t.roomId !== roomId) throw new Error('typing in another room');
  return JSON.stringify({ roomId: t.roomId, userId: t.userId, nickname: t.nickname });
}
