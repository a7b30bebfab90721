import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeUserEvent, type UserEvent } from '@chat/contracts';
import type { LogRecord } from '@chat/platform';
import { type AuthFixture, createAuthFixture } from '../../test/auth-fixture.ts';
import { createUserEventsConsumer } from './user-events.consumer.ts';

let offset = 0;
const record = (value: string): LogRecord => ({
  topic: 'users.events',
  partition: 0,
  offset: offset++,
  key: '1',
  value: new TextEncoder().encode(value),
  headers: {},
  attempt: 1,
  timestamp: Date.now(),
});
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
const event = (e: DistributiveOmit<UserEvent, 'eventId' | 'occurredAt'>) =>
  record(encodeUserEvent({ eventId: `e${offset}`, occurredAt: Date.now(), ...e } as UserEvent));

describe('user events consumer', () => {
  let f: AuthFixture;
  let handle: ReturnType<typeof createUserEventsConsumer>['handle'];
  before(async () => {
    f = await createAuthFixture();
    handle = createUserEventsConsumer({ log: undefined as never, ...f }).handle;
  });
  after(() => f.close());

  test('leaving ACTIVE revokes sessions and tokens; back to ACTIVE does nothing; twice is harmless', async () => {
    const user = await f.users.client.createUser({ email: 'c1@example.com', nickname: 'c' });
    const pair = await f.sessions.open(user);
    await handle([
      event({ type: 'UserStatusChanged', userId: user.id, oldStatus: 'SUSPENDED', newStatus: 'ACTIVE' }),
    ]);
    await f.verifier.verifyAccessToken(pair.accessToken);
    const suspended = event({
      type: 'UserStatusChanged',
      userId: user.id,
      oldStatus: 'ACTIVE',
      newStatus: 'SUSPENDED',
    });
    await handle([suspended]);
    await handle([suspended]);
    await assert.rejects(f.verifier.verifyAccessToken(pair.accessToken));
    const { rows } = await f.db.query<{ revoked_reason: string }>(
      'select revoked_reason from auth.sessions where user_id = $1',
      [user.id],
    );
    assert.deepEqual(rows, [{ revoked_reason: 'status:SUSPENDED' }]);
  });

  test('UserDeleted removes the credential and sessions; invalid events are skipped, not fatal', async () => {
    const user = await f.users.client.createUser({ email: 'c2@example.com', nickname: 'c' });
    await f.credentials.put(user.id, 'hash');
    const pair = await f.sessions.open(user);
    await handle([
      record('{not json'),
      record(JSON.stringify({ type: 'UserDeleted' })),
      event({ type: 'UserDeleted', userId: user.id }),
    ]);
    await assert.rejects(f.verifier.verifyAccessToken(pair.accessToken));
    assert.equal(await f.credentials.get(user.id), null);
    const { rows } = await f.db.query('select id from auth.sessions where user_id = $1', [user.id]);
    assert.equal(rows.length, 0);
  });
});
