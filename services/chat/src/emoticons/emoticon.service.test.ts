import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEmoticonUsed, EMOTICON_USAGE_TOPIC } from '@chat/contracts';
import { type AppError, type AppendRecord, createLogger, type EventLog } from '@chat/platform';
import type { EmoticonRepository, HoldingRow } from './emoticon.repository.ts';
import { createEmoticons } from './emoticon.service.ts';

/** One holding of user 7, pack 3, and a log whose appends fail while `down`. */
function setup(holding: HoldingRow | undefined) {
  const appended: AppendRecord[] = [];
  const state = { down: false };
  const log = {
    ensureTopic: async (topic: string) => ({ topic, partitions: 1 }),
    append: async (topic: string, records: readonly AppendRecord[]) => {
      if (state.down) throw new Error('log down');
      assert.equal(topic, EMOTICON_USAGE_TOPIC);
      appended.push(...records);
      return records.map(() => ({ partition: 0, offset: 0, duplicate: false }));
    },
  } as unknown as EventLog;
  const repo = {
    holding: async () => holding,
    markUsed: async (_u: number, _i: number, at: Date) => {
      if (!holding || holding.used_at) return false;
      holding.used_at = at;
      return true;
    },
  } as unknown as EmoticonRepository;
  const emoticons = createEmoticons({ repo, log, logger: createLogger({ level: 'silent' }) });
  return { emoticons, appended, state };
}

const pack = (): HoldingRow => ({ owned: true, version: 2, used_at: null, alts: ['(웃음)', '(하트)'] });

test('only a holder sends, and only an emoticon the pack has', async () => {
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: AppError) => e.code,
    );
  assert.equal(
    await code(setup(undefined).emoticons.forSend(7, { itemId: 3, index: 0 })),
    'EMOTICON_NOT_OWNED',
  );
  const revoked = { ...pack(), owned: false };
  assert.equal(
    await code(setup(revoked).emoticons.forSend(7, { itemId: 3, index: 0 })),
    'EMOTICON_NOT_OWNED',
  );
  const { emoticons } = setup(pack());
  assert.equal(await code(emoticons.forSend(7, { itemId: 3, index: 2 })), 'INVALID_PAYLOAD');
  assert.deepEqual(await emoticons.forSend(7, { itemId: 3, index: 1 }), {
    alt: '(하트)',
    firstUse: { version: 2 },
  });
});

test('a first use is reported once, after which used_at is set', async () => {
  const holding = pack();
  const { emoticons, appended } = setup(holding);
  const checked = await emoticons.forSend(7, { itemId: 3, index: 0 });
  emoticons.accepted(7, 3, checked, 1_000);
  emoticons.accepted(7, 3, checked, 1_001); // the same node, at once: one report
  await emoticons.idle();
  assert.equal(appended.length, 1);
  const event = decodeEmoticonUsed(appended[0]!.value);
  assert.deepEqual([event.userId, event.itemId, event.usedAt], [7, 3, 1_000]);
  assert.equal(appended[0]!.key, 'user:7');
  assert.equal(appended[0]!.id, 'emoticon-used:7:3:2');
  assert.equal(holding.used_at?.getTime(), 1_000);
  const later = await emoticons.forSend(7, { itemId: 3, index: 0 });
  assert.equal(later.firstUse, undefined);
});

test('a failed report fails nothing, leaves used_at null and is tried again at the next send', async () => {
  const holding = pack();
  const { emoticons, appended, state } = setup(holding);
  state.down = true;
  emoticons.accepted(7, 3, await emoticons.forSend(7, { itemId: 3, index: 0 }), 1_000);
  await emoticons.idle();
  assert.equal(holding.used_at, null);
  state.down = false;
  emoticons.accepted(7, 3, await emoticons.forSend(7, { itemId: 3, index: 1 }), 2_000);
  await emoticons.idle();
  assert.equal(appended.length, 1);
  assert.equal((holding.used_at as Date | null)?.getTime(), 2_000);
});
