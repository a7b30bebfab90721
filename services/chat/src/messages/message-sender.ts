import type { AttachmentRef, EmoticonRef } from '@chat/contracts';
import { Errors, type EventLog, type TokenBuckets } from '@chat/platform';
import type { EmoticonForSend } from '../emoticons/emoticon.service.ts';
import type { RoomService } from '../rooms/room.service.ts';
import { resolveMentions } from './mentions.ts';
import { encodeCommand, MESSAGES_TOPIC, roomKey } from './message-log.ts';
import type { SendPayload } from './send-command.ts';

export interface SenderDeps {
  log: EventLog;
  /** Send rate limits (shared buckets, per-node while the shared cache is down). */
  cache: TokenBuckets;
  rooms: RoomService;
  /** The message a reply answers, if it is one of the room's and not unsent. */
  replyTarget: (roomId: number, messageId: number) => Promise<{ deleted_at: Date | null } | undefined>;
  /** What a message that sends an upload carries (checked: the sender's, this room's, not gone). */
  attachmentFor: (
    senderId: number,
    roomId: number,
    attachmentId: string,
    type: 'IMAGE' | 'FILE',
    messageKey: string,
  ) => Promise<AttachmentRef>;
  /**
   * EMOTICON messages: the emoticon, if the sender holds its pack (else EMOTICON_NOT_OWNED), and
   * after acceptance the report of a first use (absent: EMOTICON messages are refused).
   */
  emoticons?: {
    forSend(senderId: number, ref: EmoticonRef): Promise<EmoticonForSend>;
    accepted(senderId: number, itemId: number, checked: EmoticonForSend, at: number): void;
  };
  rate: { perSec: number; burst: number };
  /** Back-pressure: while delivery runs late, SENDs are refused (SERVER_BUSY) before any work. */
  busy?: { busy(): boolean; retryAfterMs(): number };
  onAccepted?: () => void;
}

/**
 * Step 1 of the pipeline: a validated SEND is checked (delivery not running late, rate,
 * membership) and appended to the log keyed by room. It resolves once the append is durable: only then may the RECEIPT go.
 */
export function createMessageSender(deps: SenderDeps) {
  return {
    async send(senderId: number, payload: SendPayload): Promise<void> {
      if (deps.busy?.busy()) throw Errors.serverBusy(deps.busy.retryAfterMs());
      const bucket = await deps.cache.takeToken(`rl:send:${senderId}`, deps.rate.perSec, deps.rate.burst);
      if (!bucket.allowed) throw Errors.rateLimited(bucket.retryAfterMs);
      await deps.rooms.requireMember(payload.roomId, senderId);
      await deps.rooms.requireOpen(payload.roomId);
      if (payload.replyToId !== undefined) {
        const target = await deps.replyTarget(payload.roomId, payload.replyToId);
        if (!target) throw Errors.invalidPayload('replyToId is not a message of this room');
        if (target.deleted_at !== null) throw Errors.messageUnsent();
      }
      const attachment =
        payload.attachmentId === undefined
          ? undefined
          : await deps.attachmentFor(
              senderId,
              payload.roomId,
              payload.attachmentId,
              payload.type === 'FILE' ? 'FILE' : 'IMAGE',
              payload.messageKey,
            );
      const { emoticon } = payload;
      if (emoticon && !deps.emoticons) throw Errors.invalidPayload('EMOTICON messages are not available');
      const checked = emoticon && (await deps.emoticons?.forSend(senderId, emoticon));
      // An attachment's message says its name, an emoticon's its alt (what clients that show
      // only text show).
      const content = attachment ? attachment.name : (checked?.alt ?? payload.content);
      const mentions =
        (!attachment && payload.content.includes('@')) || payload.mentionIds
          ? resolveMentions(
              payload.content,
              await deps.rooms.members(payload.roomId),
              senderId,
              payload.mentionIds,
            )
          : [];
      const acceptedAt = Date.now();
      await deps.log.append(MESSAGES_TOPIC, [
        {
          key: roomKey(payload.roomId),
          id: `${senderId}:${payload.messageKey}`,
          value: encodeCommand({
            roomId: payload.roomId,
            senderId,
            messageKey: payload.messageKey,
            content,
            type: payload.type,
            acceptedAt,
            ...(payload.replyToId !== undefined ? { replyToId: payload.replyToId } : {}),
            ...(mentions.length > 0 ? { mentions } : {}),
            ...(attachment ? { attachment } : {}),
            ...(emoticon ? { emoticon } : {}),
          }),
        },
      ]);
      if (emoticon && checked) deps.emoticons?.accepted(senderId, emoticon.itemId, checked, acceptedAt);
      deps.onAccepted?.();
    },
  };
}

export type MessageSender = ReturnType<typeof createMessageSender>;
