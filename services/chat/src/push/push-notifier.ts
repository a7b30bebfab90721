import type { ChatMessage, PushPayload, SocialPushPayload } from '@chat/contracts';
import type { Logger } from '@chat/platform';
import webpush from 'web-push';
import type { PushRecipient, PushRepository, PushSubscriptionRow } from './push.repository.ts';
import { inQuietHours } from './push-rules.ts';

export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
  /** `mailto:` or `https:`: whom push services contact about this sender. */
  readonly subject: string;
}

type Subscription = { endpoint: string; keys: { p256dh: string; auth: string } };

/**
 * One push: web-push encrypts the payload (RFC 8291) and signs the VAPID JWT (RFC 8292); the
 * request itself goes out with fetch, which also reaches a plain-http push service on this
 * machine (development and tests; production endpoints are https only). Rejects with the
 * push service's `statusCode` when it refuses.
 */
async function sendPush(
  subscription: Subscription,
  payload: string,
  options: webpush.RequestOptions,
): Promise<void> {
  const request = webpush.generateRequestDetails(subscription, payload, options);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
  ) as Record<string, string>;
  const res = await fetch(request.endpoint, {
    method: request.method,
    headers,
    body: request.body ? new Uint8Array(request.body) : null,
    signal: AbortSignal.timeout(options.timeout ?? 10_000),
  });
  await res.body?.cancel();
  if (res.status >= 400) {
    const retryAfterSec = Number(res.headers.get('retry-after'));
    throw Object.assign(new Error(`push service answered ${res.status}`), {
      statusCode: res.status,
      ...(Number.isFinite(retryAfterSec) && retryAfterSec >= 0 && { retryAfterMs: retryAfterSec * 1000 }),
    });
  }
}

/** Tries of one push: the first and two more after a refusal for now. */
const MAX_TRIES = 3;
/** Waits before the second and third try when the push service gives no Retry-After. */
const RETRY_DELAYS_MS = [1000, 5000];
const RETRY_AFTER_MAX_MS = 60_000;

/**
 * How long to wait before trying a push again, or undefined when it should not be: the push
 * service is overloaded (429) or failing (5xx), or did not answer (network, timeout). Its
 * Retry-After is honoured up to a minute; otherwise 1 s, then 5 s, each give or take a quarter.
 */
export function retryDelay(
  err: { statusCode?: number; retryAfterMs?: number },
  tried: number,
  random = Math.random,
): number | undefined {
  const status = err.statusCode;
  const transient = status === undefined || status === 429 || status >= 500;
  if (!transient || tried >= MAX_TRIES) return undefined;
  if (err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, RETRY_AFTER_MAX_MS);
  const base = RETRY_DELAYS_MS[tried - 1] ?? RETRY_DELAYS_MS.at(-1)!;
  return Math.round(base * (0.75 + random() / 2));
}

export type SendPush = typeof sendPush;

const PREVIEW_MAX = 200;
/** Batches waiting to be notified; beyond this the oldest are dropped (pushes are best effort). */
const QUEUE_MAX = 1000;
/** The most messages looked up together when batches queued while the previous look-up ran. */
const NOTIFY_MESSAGES_MAX = 500;

/**
 * Web Push for new messages: after a batch is stored, each recipient's browsers get one
 * encrypted push (RFC 8291, VAPID RFC 8292) per message, with the room as its `Topic`, so a
 * push service keeps only the newest undelivered one of a room, and the service worker
 * replaces the room's notification (its tag). Muted rooms notify only a mention; a member who
 * blocked the sender and one in quiet hours get nothing. A subscription the push service no
 * longer knows (404, 410) is removed. Runs beside the pipeline, never holding it up: a push
 * refused for now (429, 5xx, no answer) is tried twice more (`retryDelay`), then, like any
 * other failure, logged and counted.
 */
export function createPushNotifier(deps: {
  repo: PushRepository;
  vapid: VapidKeys;
  logger: Logger;
  metrics?: { sent(): void; failed(): void; expired(): void };
  send?: SendPush;
  now?: () => Date;
}) {
  const send: SendPush = deps.send ?? sendPush;
  const now = deps.now ?? (() => new Date());
  const queue: (readonly ChatMessage[])[] = [];
  let draining: Promise<void> | undefined;

  function payloadOf(m: ChatMessage, r: PushRecipient): PushPayload {
    const text = m.content.length > PREVIEW_MAX ? `${m.content.slice(0, PREVIEW_MAX)}…` : m.content;
    return {
      roomId: m.roomId,
      roomName: r.room_type === 'GROUP' ? r.room_name : null,
      direct: r.room_type === 'DIRECT',
      senderNickname: m.senderNickname,
      preview: r.previews ? text : null,
      mentioned: r.mentioned,
      messageId: m.id,
    };
  }

  /** Retries waiting for their time: `idle` waits for them too. */
  const retries = new Set<Promise<void>>();

  /** One push to one browser; `topic`: the push service keeps only the newest undelivered one. */
  async function deliver(
    sub: PushSubscriptionRow,
    userId: number,
    push: { body: string; topic: string; urgency: 'high' | 'normal' },
    tried = 1,
  ): Promise<void> {
    try {
      await send({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, push.body, {
        vapidDetails: deps.vapid,
        TTL: 24 * 3600,
        topic: push.topic,
        urgency: push.urgency,
        timeout: 10_000,
      });
      deps.metrics?.sent();
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 404 || status === 410) {
        await deps.repo.expire(sub.endpoint).catch(() => undefined);
        deps.metrics?.expired();
        return;
      }
      const delay = retryDelay(err as { statusCode?: number; retryAfterMs?: number }, tried);
      if (delay !== undefined) {
        // Later, beside the queue: the next batches' pushes do not wait for this one.
        const retry = new Promise<void>((resolve) => setTimeout(resolve, delay).unref()).then(() =>
          deliver(sub, userId, push, tried + 1),
        );
        retries.add(retry);
        void retry.finally(() => retries.delete(retry));
        return;
      }
      deps.metrics?.failed();
      deps.logger.warn({ err, status, userId, tries: tried }, 'push not delivered');
    }
  }

  /**
   * A social notification to every browser of `userId`, outside their quiet hours (the service
   * worker shows it only while none of their pages is visible). One `Topic` for them all: an
   * offline browser gets the newest when it comes back.
   */
  async function notifyUser(userId: number, payload: SocialPushPayload): Promise<void> {
    const [subs, settings] = await Promise.all([deps.repo.subscriptions(userId), deps.repo.settings(userId)]);
    if (subs.length === 0 || inQuietHours(now(), settings)) return;
    const push = { body: JSON.stringify(payload), topic: 'social', urgency: 'normal' } as const;
    await Promise.all(subs.map((sub) => deliver(sub, userId, push)));
  }

  async function notify(messages: readonly ChatMessage[]): Promise<void> {
    const fresh = messages.filter((m) => m.type !== 'SYSTEM' && !m.deletedAt);
    const recipients = await deps.repo.recipients(
      fresh.map((m) => ({ roomId: m.roomId, senderId: m.senderId, mentions: m.mentions })),
    );
    const at = now();
    const quiet = new Map<number, boolean>();
    const sends: Promise<void>[] = [];
    for (const r of recipients) {
      const m = fresh[r.ord - 1];
      if (!m) continue;
      if (!quiet.has(r.user_id)) {
        quiet.set(
          r.user_id,
          inQuietHours(at, { dndStart: r.dnd_start, dndEnd: r.dnd_end, timeZone: r.time_zone }),
        );
      }
      if (!quiet.get(r.user_id)) {
        sends.push(
          deliver(r, r.user_id, {
            body: JSON.stringify(payloadOf(m, r)),
            topic: `room${m.roomId}`,
            urgency: r.mentioned ? 'high' : 'normal',
          }),
        );
      }
    }
    await Promise.all(sends);
  }

  /**
   * Notifies what is queued, the batches that came in meanwhile together (up to
   * NOTIFY_MESSAGES_MAX messages a statement): a node's partitions each store their own batches,
   * and one look-up per batch was a database round trip per partition batch.
   */
  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const messages: ChatMessage[] = [...(queue.shift() ?? [])];
      while (queue.length > 0 && messages.length + (queue[0]?.length ?? 0) <= NOTIFY_MESSAGES_MAX) {
        messages.push(...(queue.shift() ?? []));
      }
      await notify(messages).catch((err: unknown) => deps.logger.warn({ err }, 'push notifications failed'));
    }
  }

  return {
    /** Queues the stored messages' notifications; returns at once. */
    enqueue(messages: readonly ChatMessage[]): void {
      if (messages.length === 0) return;
      queue.push(messages);
      if (queue.length > QUEUE_MAX) queue.shift();
      draining ??= drain().finally(() => {
        draining = undefined;
      });
    },
    /** Waits for what is queued (shutdown, tests). */
    async idle(): Promise<void> {
      while (draining || retries.size > 0) await (draining ?? Promise.all(retries));
    },
    notify,
    notifyUser,
  };
}

export type PushNotifier = ReturnType<typeof createPushNotifier>;
