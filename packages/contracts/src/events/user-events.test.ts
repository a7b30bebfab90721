import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchemaMismatchError } from '../checker.ts';
import { decodeUserEvent, encodeUserEvent, type UserEvent } from './user-events.ts';

const base = { eventId: 'e-1', occurredAt: 1_700_000_000_000, userId: 7 };

describe('user events', () => {
  test('every event type round-trips through encode/decode (string and bytes)', () => {
    const events: UserEvent[] = [
      {
        type: 'UserCreated',
        ...base,
        email: 'a@example.com',
        nickname: '김철수😀',
        role: 'ROLE_USER',
        status: 'ACTIVE',
      },
      { type: 'UserStatusChanged', ...base, oldStatus: 'ACTIVE', newStatus: 'SUSPENDED' },
      { type: 'UserProfileUpdated', ...base, nickname: 'n', profileImageUrl: null, statusMessage: 'hi' },
      { type: 'UserDeleted', ...base },
    ];
    for (const event of events) {
      assert.deepEqual(decodeUserEvent(encodeUserEvent(event)), event);
      assert.deepEqual(decodeUserEvent(new TextEncoder().encode(encodeUserEvent(event))), event);
    }
  });

  test('payloads that do not match are refused', () => {
    const bad: unknown[] = [
      { type: 'UserExploded', ...base },
      { type: 'UserDeleted', ...base, userId: 0 },
      { type: 'UserDeleted', ...base, userId: '7' },
      { type: 'UserDeleted', eventId: 'e', userId: 7 },
      { type: 'UserStatusChanged', ...base, oldStatus: 'ACTIVE', newStatus: 'BANNED' },
      {
        type: 'UserCreated',
        ...base,
        email: 'a@example.com',
        nickname: 'n',
        role: 'ROLE_ROOT',
        status: 'ACTIVE',
      },
      [],
      null,
    ];
    for (const value of bad) assert.throws(() => decodeUserEvent(JSON.stringify(value)), SchemaMismatchError);
    assert.throws(() => decodeUserEvent('{not json'), SyntaxError);
  });
});
