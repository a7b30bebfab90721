import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { PresenceEvent } from '@chat/contracts';
import { createLogger, createMemoryCache, createMemoryPubSub } from '@chat/platform';
import { eventually } from '@chat/testing';
import { createPresence, type Presence } from '../src/realtime/presence.ts';
import { PRESENCE_CHANNEL } from '../src/realtime/presence-events.ts';
import type { MembershipCache } from '../src/rooms/membership.ts';

/** One node's presence on in-process adapters; the test says which sessions the server has. */
function node() {
  const cache = createMemoryCache();
  const pubsub = createMemoryPubSub();
  const open: number[] = [];
  const presence = createPresence({
    cache,
    pubsub,
    rooms: { coMemberships: async () => [], memberIds: async () => [] },
    membership: {
      members: async () => [1, 2],
      onChange: () => () => undefined,
    } as unknown as MembershipCache,
    logger: createLogger({ level: 'silent' }),
    ttlMs: 1200, // tick 200 ms
    localSessions: () => open,
    graceMs: 300,
  });
  const events: PresenceEvent[] = [];
  return { cache, pubsub, open, presence, events };
}

let running: ReturnType<typeof node> | undefined;
afterEach(async () => {
  await running?.presence.stop();
  await running?.pubsub.close();
  await running?.cache.close();
});

async function started(): Promise<ReturnType<typeof node> & { presence: Presence }> {
  running = node();
  const r = running;
  await r.pubsub.subscribe(PRESENCE_CHANNEL, (m) => r.events.push(JSON.parse(m) as PresenceEvent));
  await r.presence.start();
  return r;
}

const statuses = (events: PresenceEvent[], userId: number) =>
  events.filter((e) => e.userId === userId).map((e) => e.status);

describe('presence on one node (in-process adapters)', () => {
  test('a reconnect within the grace is no transition; the last close is OFFLINE after it', async () => {
    const n = await started();
    n.open.push(1);
    n.presence.connected(1);
    await eventually(async () => statuses(n.events, 1).length === 1);
    n.open.pop();
    n.presence.disconnected(1);
    n.open.push(1);
    n.presence.connected(1); // a page reload
    assert.equal(await n.presence.isOnline(1), true);
    n.open.pop();
    n.presence.disconnected(1);
    await eventually(async () => statuses(n.events, 1).length === 2);
    assert.deepEqual(statuses(n.events, 1), ['ONLINE', 'OFFLINE']);
    assert.deepEqual(await n.presence.online(7), []);
  });

  test('a session counted but never opened (closed during CONNECT) is dropped by the re-count', async () => {
    const n = await started();
    n.presence.connected(2); // the STOMP server never lists it
    await eventually(async () => statuses(n.events, 2).join() === 'ONLINE,OFFLINE', 3000);
    assert.equal(await n.presence.isOnline(2), false);
  });

  test('stop takes this node’s users OFFLINE', async () => {
    const n = await started();
    n.open.push(1, 2);
    n.presence.connected(1);
    n.presence.connected(2);
    await eventually(async () => (await n.presence.online(7)).length === 2);
    n.open.length = 0;
    await n.presence.stop();
    assert.deepEqual(statuses(n.events, 1), ['ONLINE', 'OFFLINE']);
    assert.deepEqual(statuses(n.events, 2), ['ONLINE', 'OFFLINE']);
    running = undefined;
    await n.pubsub.close();
    await n.cache.close();
  });
});
