import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatMessage } from '@chat/contracts';
import { createLogger } from '@chat/platform';
import type { PushRepository } from './push.repository.ts';
import { createPushNotifier, retryDelay } from './push-notifier.ts';

describe('when a refused push goes again', () => {
  test('overloaded, failing or silent push services are tried twice more: 1 s, then 5 s, give or take a quarter', () => {
    for (const err of [{ statusCode: 429 }, { statusCode: 503 }, { statusCode: 500 }, {}]) {
      assert.equal(
        retryDelay(err, 1, () => 0.5),
        1000,
      );
      assert.equal(
        retryDelay(err, 2, () => 0.5),
        5000,
      );
      assert.equal(
        retryDelay(err, 3, () => 0.5),
        undefined,
        'three tries in all',
      );
    }
    assert.equal(
      retryDelay({ statusCode: 503 }, 1, () => 0),
      750,
    );
    assert.equal(
      retryDelay({ statusCode: 503 }, 1, () => 1),
      1250,
    );
  });

  test("the push service's Retry-After is honoured, up to a minute", () => {
    assert.equal(retryDelay({ statusCode: 429, retryAfterMs: 3000 }, 1), 3000);
    assert.equal(retryDelay({ statusCode: 429, retryAfterMs: 3_600_000 }, 1), 60_000);
  });

  test('a refusal that will not change is not tried again (400, 403, 413; 404 and 410 expire it)', () => {
    for (const statusCode of [400, 401, 403, 404, 410, 413])
      assert.equal(retryDelay({ statusCode }, 1), undefined);
  });
});

describe('batches stored while a look-up runs', () => {
  /** A stored message as the notifier reads it (only the fields it uses matter here). */
  const message = (id: number) =>
    ({ id, roomId: 7, senderId: 1, senderNickname: 'a', content: `m${id}`, type: 'TEXT' }) as ChatMessage;

  test('are looked up together, and every message is still pushed once', async () => {
    const lookUps: number[][] = [];
    let release: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    const repo = {
      async recipients(messages: readonly unknown[]) {
        const n = lookUps.push(messages.map((_, i) => i + 1));
        if (n === 1) await firstHeld;
        return messages.map((_, i) => ({
          ord: i + 1,
          user_id: 2,
          endpoint: 'https://push.example/2',
          p256dh: 'k',
          auth: 'a',
          room_type: 'GROUP' as const,
          room_name: 'room',
          previews: true,
          dnd_start: null,
          dnd_end: null,
          time_zone: 'UTC',
          mentioned: false,
        }));
      },
    } as unknown as PushRepository;
    const pushed: number[] = [];
    const notifier = createPushNotifier({
      repo,
      vapid: { publicKey: 'p', privateKey: 'k', subject: 'mailto:a@example.com' },
      logger: createLogger({ level: 'silent' }),
      send: async (_sub, body) => {
        pushed.push((JSON.parse(body) as { messageId: number }).messageId);
      },
    });
    notifier.enqueue([message(1)]);
    notifier.enqueue([message(2), message(3)]);
    notifier.enqueue([message(4)]);
    release();
    await notifier.idle();
    assert.deepEqual(
      lookUps.map((l) => l.length),
      [1, 3],
      'the first batch alone, the two queued behind it in one look-up',
    );
    assert.deepEqual(
      pushed.sort((a, b) => a - b),
      [1, 2, 3, 4],
    );
  });
});
