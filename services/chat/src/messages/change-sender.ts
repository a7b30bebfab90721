import { randomUUID } from 'node:crypto';
import type { ChangeAccepted, ChangeKind } from '@chat/contracts';
import { Errors, type EventLog, type TokenBuckets } from '@chat/platform';
import type { RoomService } from '../rooms/room.service.ts';
import { type ChangeWindows, refusal } from './change-rules.ts';
import type { MessageChangeRepository } from './message-changes.repository.ts';
import { encodeCommand, MESSAGES_TOPIC, roomKey } from './message-log.ts';
import { checkContent } from './send-command.ts';

export interface ChangeRequest {
  kind: ChangeKind;
  roomId: number;
  messageId: number;
  /** The new content of an edit. */
  content?: unknown;
  /** A reaction: the actor's reaction now (null removes theirs). */
  reaction?: string | null;
  /** The client's idempotency key; one is made up when absent. */
  changeKey?: string | undefined;
}

export interface ChangeSenderDeps {
  log: EventLog;
  cache: TokenBuckets;
  rooms: RoomService;
  changes: MessageChangeRepository;
  windows: ChangeWindows;
  /** The reactions members may use. */
  reactions: readonly string[];
  /** The send rate: a change costs what a message costs. */
  rate: { perSec: number; burst: number };
}

/**
 * Accepts an edit, an unsend or a reaction the way a SEND is accepted: rate, membership, the change's
 * rules against the stored message (so the caller hears why not), then one record on the
 * room's log partition, in order with its messages. Resolves once the record is durable; the
 * persistence consumer applies it and every member gets it on `/topic/room.{id}.changes`.
 */
export function createChangeSender(deps: ChangeSenderDeps) {
  return {
    async change(actorId: number, req: ChangeRequest): Promise<ChangeAccepted> {
      const content = req.kind === 'EDITED' ? checkContent(req.content) : undefined;
      if (req.kind === 'REACTED' && req.reaction != null && !deps.reactions.includes(req.reaction)) {
        throw Errors.invalidPayload(`reaction must be one of ${deps.reactions.join(', ')}`);
      }
      const bucket = await deps.cache.takeToken(`rl:send:${actorId}`, deps.rate.perSec, deps.rate.burst);
      if (!bucket.allowed) throw Errors.rateLimited(bucket.retryAfterMs);
      await deps.rooms.requireMember(req.roomId, actorId);
      await deps.rooms.requireOpen(req.roomId);
      const acceptedAt = Date.now();
      const target = await deps.changes.target(req.roomId, req.messageId);
      const refused = refusal(req.kind, target, actorId, acceptedAt, deps.windows, req);
      if (refused) throw refused;
      const changeKey = req.changeKey ?? randomUUID();
      await deps.log.append(MESSAGES_TOPIC, [
        {
          key: roomKey(req.roomId),
          id: `change:${actorId}:${changeKey}`,
          value: encodeCommand({
            kind: req.kind,
            roomId: req.roomId,
            actorId,
            changeKey,
            messageId: req.messageId,
            ...(content !== undefined ? { content } : {}),
            ...(req.kind === 'REACTED' ? { reaction: req.reaction ?? null } : {}),
            acceptedAt,
          }),
        },
      ]);
      return { roomId: req.roomId, messageId: req.messageId, changeKey };
    },
  };
}

export type ChangeSender = ReturnType<typeof createChangeSender>;
