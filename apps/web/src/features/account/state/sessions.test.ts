import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionInfo } from '../../../lib/wire.ts';
import { orderSessions, withoutSession } from './sessions.ts';

const s = (id: string, lastUsedAt: string, current = false): SessionInfo => ({
  id,
  current,
  device: null,
  createdAt: '2026-01-01T00:00:00Z',
  lastUsedAt,
});

describe('sessions list', () => {
  it('shows this device first, then the most recently used', () => {
    const list = [
      s('a', '2026-01-02T00:00:00Z'),
      s('b', '2026-01-03T00:00:00Z'),
      s('c', '2026-01-01T00:00:00Z', true),
    ];
    assert.deepEqual(
      orderSessions(list).map((x) => x.id),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      list.map((x) => x.id),
      ['a', 'b', 'c'],
      'the input is left alone',
    );
  });

  it('drops a revoked session', () => {
    assert.deepEqual(
      withoutSession([s('a', '2026-01-02T00:00:00Z'), s('b', '2026-01-02T00:00:00Z')], 'a').map((x) => x.id),
      ['b'],
    );
  });
});
