import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '../../../lib/wire.ts';
import { dayKey, toRows } from './rows.ts';

const at = (iso: string, senderId: number, id: number): Message => ({
  id,
  seq: id,
  messageKey: `k${id}`,
  roomId: 1,
  senderId,
  senderNickname: `u${senderId}`,
  content: `m${id}`,
  type: 'TEXT',
  createdAt: iso,
  timestamp: Date.parse(iso),
});

describe('message rows: days and sender groups', () => {
  it('a day starts at local midnight of the given zone', () => {
    assert.equal(dayKey(Date.parse('2026-12-03T15:30:00Z'), 'Asia/Seoul'), '2026-12-04');
    assert.equal(dayKey(Date.parse('2026-12-03T15:30:00Z'), 'UTC'), '2026-12-03');
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const t = Date.parse('2026-12-31T23:59:00Z');
    assert.equal(dayKey(t), dayKey(t, local), "the browser's zone by default");
  });

  it('separators before each new day; groups by sender within five minutes, not across days', () => {
    const rows = toRows(
      [
        at('2026-12-03T14:58:00Z', 1, 1),
        at('2026-12-03T14:59:00Z', 1, 2),
        at('2026-12-03T15:01:00Z', 1, 3), // midnight in Seoul between 2 and 3
        at('2026-12-03T15:02:00Z', 2, 4),
        at('2026-12-03T15:20:00Z', 2, 5), // more than five minutes later
      ],
      'Asia/Seoul',
    );
    assert.deepEqual(
      rows.map((r) => [r.message.id, r.dayStart, r.groupStart, r.groupEnd]),
      [
        [1, true, true, false],
        [2, false, false, true],
        [3, true, true, true],
        [4, false, true, true],
        [5, false, true, true],
      ],
    );
  });

  it('no messages, no rows', () => {
    assert.deepEqual(toRows([]), []);
  });
});
