import { EMOTICON_USAGE_TOPIC, type EmoticonRef, type EmoticonUsed } from '@chat/contracts';
import { Errors, type EventLog, type Logger } from '@chat/platform';
import type { EmoticonRepository } from './emoticon.repository.ts';

/** What an accepted EMOTICON message carries, and whether it is its sender's first use of the pack. */
export interface EmoticonForSend {
  alt: string;
  /** The holding as checked: its first use is reported after the message is accepted. */
  firstUse: { version: number } | undefined;
}

/**
 * EMOTICON messages: who may send which (the local, event-fed view; never a call to the store),
 * and the report of a holder's first use of a pack (`EmoticonUsed` on chat.emoticon-usage, keyed
 * `user:{id}`, which ends the buyer's refund right).
 *
 * The report runs beside the send, after the message was accepted: it never slows or fails it.
 * It is appended first and `used_at` set after, so a failed append (logged) leaves `used_at`
 * null and the next send of the pack tries again. Delivery is at least once: two nodes (or a
 * crash between the append and `used_at`) may append it twice, with the same `eventId` and log
 * id (`emoticon-used:{user}:{item}:{version}`): the log drops the second within its
 * de-duplication window, and marking a pack used is idempotent for the store anyway.
 */
export function createEmoticons(deps: { repo: EmoticonRepository; log: EventLog; logger: Logger }) {
  const reporting = new Map<string, Promise<void>>();
  let topic: Promise<unknown> | undefined;

  async function report(userId: number, itemId: number, version: number, usedAt: number): Promise<void> {
    topic ??= deps.log.ensureTopic(EMOTICON_USAGE_TOPIC).catch((err: unknown) => {
      topic = undefined;
      throw err;
    });
    await topic;
    const eventId = `emoticon-used:${userId}:${itemId}:${version}`;
    const event: EmoticonUsed = {
      type: 'EmoticonUsed',
      eventId,
      occurredAt: Date.now(),
      userId,
      itemId,
      usedAt,
    };
    await deps.log.append(EMOTICON_USAGE_TOPIC, [
      { key: `user:${userId}`, id: eventId, value: JSON.stringify(event) },
    ]);
    await deps.repo.markUsed(userId, itemId, new Date(usedAt));
  }

  return {
    /**
     * The emoticon `userId` sends: EMOTICON_NOT_OWNED unless they hold its pack now,
     * INVALID_PAYLOAD for an index past the pack's last emoticon.
     */
    async forSend(userId: number, ref: EmoticonRef): Promise<EmoticonForSend> {
      const holding = await deps.repo.holding(userId, ref.itemId);
      if (!holding?.owned) throw Errors.emoticonNotOwned(ref.itemId);
      const alt = holding.alts[ref.index];
      if (alt === undefined) {
        throw Errors.invalidPayload(
          `emoticon.index ${ref.index} is past the last emoticon of pack ${ref.itemId} (it has ${holding.alts.length}, from index 0)`,
        );
      }
      return { alt, firstUse: holding.used_at === null ? { version: holding.version } : undefined };
    },

    /** An EMOTICON message was accepted: reports a first use in the background (never throws). */
    accepted(userId: number, itemId: number, checked: EmoticonForSend, usedAt: number): void {
      if (!checked.firstUse) return;
      const key = `${userId}:${itemId}`;
      if (reporting.has(key)) return; // this node reports it already
      const done = report(userId, itemId, checked.firstUse.version, usedAt)
        .catch((err: unknown) =>
          deps.logger.warn(
            { err, userId, itemId },
            'emoticon first use not reported: retried at the next send',
          ),
        )
        .finally(() => reporting.delete(key));
      reporting.set(key, done);
    },

    /** Reports in progress finished (shutdown). */
    async idle(): Promise<void> {
      await Promise.all(reporting.values());
    },
  };
}

export type Emoticons = ReturnType<typeof createEmoticons>;
