import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeUserEvent, USERS_EVENTS_TOPIC, type UserEvent } from '@chat/contracts';
import {
  type AppendRecord,
  createConsumerRegistry,
  createEmbeddedEventLog,
  createMemoryCache,
  createNatsEventLog,
  currentRequestId,
  type EventLog,
  instrumentEventLog,
  type Logger,
  runMigrations,
  type SqlDatabase,
  withRequestId,
} from '@chat/platform';
import {
  createTestPglite,
  createTestPostgres,
  skipUnless,
  testServiceUrls,
  uniqueName,
} from '@chat/platform/testing';
import { createRevocations } from '@chat/security';
import { deleteNatsPrefix, eventually } from '@chat/testing';
import { createAccountsService } from '../src/accounts/accounts.service.ts';
import { createAdminService } from '../src/admin/admin.service.ts';
import { createOutboxRelay, type OutboxRelay } from '../src/events/outbox-relay.ts';
import { createProfileService } from '../src/profile/profile.service.ts';
import { createUserRepository } from '../src/user/user.repository.ts';

const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

/** An event log whose appends fail while it is "down", and that remembers what it appended. */
function switchableLog(log: EventLog) {
  const state = {
    down: false,
    calls: 0,
    failedAppends: 0,
    appended: [] as AppendRecord[],
    /** The request id current at each append call. */
    appendedUnder: [] as (string | undefined)[],
    /** The records of each successful append call. */
    batches: [] as AppendRecord[][],
  };
  let gate: Promise<void> | undefined;
  const wrapped: EventLog = {
    ...log,
    async append(topic, records) {
      state.calls++;
      state.appendedUnder.push(currentRequestId());
      await gate;
      if (state.down) {
        state.failedAppends++;
        throw new Error('event log down (test)');
      }
      const results = await log.append(topic, records);
      if (topic === USERS_EVENTS_TOPIC) {
        state.appended.push(...records);
        state.batches.push([...records]);
      }
      return results;
    },
  };
  return {
    log: wrapped,
    state,
    /** Appends wait until the returned function is called. */
    hold(): () => void {
      let open!: () => void;
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

/** A logger that keeps what was logged at warn and info (the relay's outage messages). */
function recordingLogger() {
  const lines: { level: 'warn' | 'info'; msg: string }[] = [];
  const at =
    (level: 'warn' | 'info') =>
    (_obj: unknown, msg: string): void => {
      lines.push({ level, msg });
    };
  const logger = { warn: at('warn'), info: at('info'), error: at('warn'), debug() {} } as unknown as Logger;
  return { logger, lines };
}

interface Backend {
  db: SqlDatabase;
  log: EventLog;
  cleanup(): Promise<void>;
}

async function embedded(): Promise<Backend> {
  const db = await createTestPglite();
  await runMigrations(db, 'users', migrations);
  // The embedded log in the same PGlite database, as in embedded mode (one connection for both).
  const log = await createEmbeddedEventLog({ db, schema: uniqueName('evlog'), defaultPartitions: 4 });
  return {
    db,
    log,
    async cleanup() {
      await log.close();
      await db.close();
    },
  };
}

async function real(): Promise<Backend> {
  const db = await createTestPostgres();
  await runMigrations(db, 'users', migrations);
  const prefix = uniqueName('t');
  const log = await createNatsEventLog({ url: testServiceUrls.nats, prefix, defaultPartitions: 4 });
  return {
    db,
    log,
    async cleanup() {
      await log.close();
      await db.close();
      await deleteNatsPrefix(prefix);
    },
  };
}

const decode = (record: AppendRecord) => decodeUserEvent(record.value);

for (const [kind, open, services] of [
  ['PGlite, embedded log', embedded, [] as const],
  ['PostgreSQL, NATS', real, ['postgres', 'nats'] as const],
] as const) {
  describe(`users outbox (${kind})`, async () => {
    const skip = services.length > 0 ? await skipUnless(`users outbox (${kind})`, ...services) : false;
    let backend: Backend;
    let relays: OutboxRelay[] = [];
    /** One cache per test, shared by its relays, as nodes share Redis (it holds the relay lease). */
    let cache = createMemoryCache();
    before(async () => {
      if (!skip) backend = await open();
    });
    after(async () => {
      for (const relay of relays) await relay.stop();
      await backend?.cleanup();
    });
    beforeEach(async () => {
      if (skip) return;
      for (const relay of relays) await relay.stop();
      relays = [];
      cache = createMemoryCache();
      await backend.db.query('delete from users.outbox');
    });

    /** The users service's pieces over a log that can be switched off, its relay started. */
    /** `instrumented`: the relay appends through the platform's wrapper, as services do. */
    async function setup(opts: { intervalMs?: number; instrumented?: boolean } = {}) {
      const { db } = backend;
      const switchable = switchableLog(backend.log);
      const { logger, lines } = recordingLogger();
      // A long interval unless asked: tests drive the relay with flush().
      const relay = createOutboxRelay({
        db,
        log: opts.instrumented
          ? instrumentEventLog(switchable.log, { consumers: createConsumerRegistry() })
          : switchable.log,
        cache,
        logger,
        intervalMs: opts.intervalMs ?? 3_600_000,
      });
      relays.push(relay);
      await relay.start();
      await relay.flush();
      const repo = createUserRepository(db);
      const revocations = createRevocations({ cache: createMemoryCache(), accessTtlSec: 900 });
      return {
        ...switchable,
        lines,
        relay,
        repo,
        accounts: createAccountsService({ repo, events: relay, revocations }),
        profiles: createProfileService({ repo, events: relay }),
        admin: createAdminService({ repo, events: relay, revocations }),
        outbox: async () =>
          (
            await db.query<{ event_id: string; payload: string }>(
              'select event_id, payload from users.outbox order by id',
            )
          ).rows,
      };
    }

    const newUser = (u: Awaited<ReturnType<typeof setup>>, nickname = 'someone') =>
      u.accounts.createUser({ email: `${uniqueName('u')}@example.com`, nickname });

    /** The records of `userId` in the log itself, in the order a consumer gets them. */
    async function consumed(userId: number, count: number): Promise<UserEvent[]> {
      const seen: UserEvent[] = [];
      const consumer = await backend.log.consume(USERS_EVENTS_TOPIC, uniqueName('g'), async (records) => {
        for (const r of records) if (r.key === String(userId)) seen.push(decodeUserEvent(r.value));
      });
      try {
        await eventually(async () => seen.length >= count);
      } finally {
        await consumer.stop();
      }
      return seen;
    }

    test('log down: signup and profile edit commit and answer; once it is up the relay appends exactly those events', {
      skip,
    }, async () => {
      const u = await setup();
      u.state.down = true;
      const account = await newUser(u, 'before');
      assert.equal(account.nickname, 'before');
      const edited = await u.profiles.updateMine(account.id, { nickname: 'after', statusMessage: 'hi' });
      assert.equal(edited.nickname, 'after', 'the edit answers normally');
      assert.equal((await u.repo.findById(account.id))?.nickname, 'after', 'and is committed');

      await u.relay.flush(); // a pass while down: it fails and keeps the rows
      await u.relay.flush();
      assert.ok(u.state.failedAppends >= 2);
      assert.equal(u.state.appended.length, 0, 'nothing appended while down');
      const waiting = await u.outbox();
      assert.equal(waiting.length, 2);
      assert.deepEqual(
        u.lines.filter((l) => l.level === 'warn').length,
        1,
        'one warning for the outage, not one per attempt',
      );

      u.state.down = false;
      await u.relay.flush();
      assert.deepEqual((await u.relay.backlog()).pending, 0, 'the outbox is empty');
      assert.deepEqual(
        u.state.appended.map((r) => r.id),
        waiting.map((w) => w.event_id),
        'exactly the stored events, same eventIds',
      );
      assert.deepEqual(
        u.state.appended.map((r) => r.value),
        waiting.map((w) => w.payload),
      );
      const [created, updated] = u.state.appended.map(decode);
      assert.deepEqual(
        { ...created, eventId: undefined, occurredAt: undefined },
        {
          type: 'UserCreated',
          userId: account.id,
          email: account.email,
          nickname: 'before',
          role: 'ROLE_USER',
          status: 'ACTIVE',
          eventId: undefined,
          occurredAt: undefined,
        },
      );
      assert.deepEqual(
        { ...updated, eventId: undefined, occurredAt: undefined },
        {
          type: 'UserProfileUpdated',
          userId: account.id,
          nickname: 'after',
          profileImageUrl: null,
          statusMessage: 'hi',
          eventId: undefined,
          occurredAt: undefined,
        },
      );
      for (const r of u.state.appended) {
        assert.equal(r.key, String(account.id));
        assert.deepEqual(r.headers, { type: decode(r).type });
        assert.equal(r.id, decode(r).eventId);
      }
      assert.ok(u.lines.some((l) => l.level === 'info' && /relayed again/.test(l.msg)));
      const inLog = await consumed(account.id, 2);
      assert.deepEqual(
        inLog.map((e) => e.eventId),
        waiting.map((w) => w.event_id),
      );
    });

    test('each event carries the id of the request that made it, never the one of the request that kicked the relay', {
      skip,
    }, async () => {
      const u = await setup({ instrumented: true });
      u.state.down = true;
      const outside = await newUser(u, 'outside'); // e.g. a batch job: no request
      const earlier = await withRequestId('trace-outbox-a', () => newUser(u, 'earlier'));
      await u.relay.flush();
      assert.equal((await u.relay.backlog()).pending, 2);
      u.state.down = false;
      // This request's commit kicks the relay, which appends the waiting rows with its own.
      const kicker = await withRequestId('trace-outbox-b', () => newUser(u, 'kicker'));
      await u.relay.flush();
      const headers = new Map(u.state.appended.map((r) => [decode(r).userId, r.headers]));
      assert.deepEqual(headers.get(outside.id), { type: 'UserCreated' });
      assert.deepEqual(headers.get(earlier.id), { type: 'UserCreated', 'x-request-id': 'trace-outbox-a' });
      assert.deepEqual(headers.get(kicker.id), { type: 'UserCreated', 'x-request-id': 'trace-outbox-b' });
      assert.ok(
        u.state.appendedUnder.every((id) => id === undefined),
        `the relay appends outside any request: ${u.state.appendedUnder}`,
      );
    });

    test('the timer relays what a failed append left, without a kick', { skip }, async () => {
      const u = await setup({ intervalMs: 20 });
      await u.relay.start();
      u.state.down = true;
      const account = await newUser(u);
      await u.admin.setStatus({ actorId: 0, userId: account.id, status: 'SUSPENDED' });
      await eventually(async () => u.state.failedAppends >= 2);
      assert.equal((await u.relay.backlog()).pending, 2);
      u.state.down = false;
      await eventually(async () => (await u.relay.backlog()).pending === 0);
      assert.deepEqual(
        u.state.appended.map((r) => decode(r).type),
        ['UserCreated', 'UserStatusChanged'],
      );
    });

    test('a transaction that throws after recording an event leaves neither the change nor an outbox row', {
      skip,
    }, async () => {
      const u = await setup();
      const account = await newUser(u, 'kept');
      await u.relay.flush();
      await assert.rejects(
        u.repo.transaction(async (tx) => {
          await tx.updateProfile(account.id, { nickname: 'lost' });
          await tx.recordEvent({
            type: 'UserProfileUpdated',
            userId: account.id,
            nickname: 'lost',
            profileImageUrl: null,
            statusMessage: null,
          });
          throw new Error('boom');
        }),
        /boom/,
      );
      const email = `${uniqueName('u')}@example.com`;
      await assert.rejects(
        u.repo.transaction(async (tx) => {
          const row = await tx.insert({ email, nickname: 'ghost', role: 'ROLE_USER' });
          await tx.recordEvent({
            type: 'UserCreated',
            userId: row!.id,
            email,
            nickname: 'ghost',
            role: 'ROLE_USER',
            status: 'ACTIVE',
          });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal((await u.repo.findById(account.id))?.nickname, 'kept');
      assert.equal(await u.repo.findByEmail(email), null);
      assert.equal((await u.relay.backlog()).pending, 0);
      await u.relay.flush();
      assert.deepEqual(
        u.state.appended.map((r) => decode(r).type),
        ['UserCreated'],
      );
    });

    test('no event without a change: unknown user, same status, empty patch', { skip }, async () => {
      const u = await setup();
      const account = await newUser(u);
      await u.relay.flush();
      await assert.rejects(u.profiles.updateMine(999_999_999, { nickname: 'x' }), /not found/i);
      await u.profiles.updateMine(account.id, {});
      await u.profiles.updateMine(account.id, { nickname: account.nickname });
      await u.admin.setStatus({ actorId: 0, userId: account.id, status: 'ACTIVE' });
      await u.accounts.removeUser(999_999_999);
      await assert.rejects(u.accounts.createUser({ email: account.email, nickname: 'dup' }), /already/);
      assert.deepEqual(await u.outbox(), [], 'nothing recorded');
    });

    test("one user's events come out in the order of the changes, across an outage and concurrent edits", {
      skip,
    }, async () => {
      const u = await setup();
      const account = await newUser(u, 'n0');
      await u.profiles.updateMine(account.id, { nickname: 'n1' });
      u.state.down = true;
      await u.profiles.updateMine(account.id, { nickname: 'n2' });
      await u.admin.setStatus({ actorId: 0, userId: account.id, status: 'SUSPENDED' });
      await u.relay.flush();
      u.state.down = false;
      await Promise.all(
        ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((nickname) =>
          u.profiles.updateMine(account.id, { nickname }),
        ),
      );
      await u.admin.setStatus({ actorId: 0, userId: account.id, status: 'ACTIVE' });
      await u.accounts.removeUser(account.id);
      await u.relay.flush();
      assert.equal((await u.relay.backlog()).pending, 0);

      const events = await consumed(account.id, 12);
      const describe = (e: UserEvent) =>
        e.type === 'UserProfileUpdated' ? e.nickname : e.type === 'UserStatusChanged' ? e.newStatus : e.type;
      const order = events.map(describe);
      assert.deepEqual(order.slice(0, 4), ['UserCreated', 'n1', 'n2', 'SUSPENDED']);
      assert.deepEqual(order.slice(10), ['ACTIVE', 'UserDeleted']);
      assert.deepEqual(
        order.slice(4, 10).sort(),
        ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
        'every concurrent edit',
      );
      assert.equal(new Set(events.map((e) => e.eventId)).size, events.length, 'each once');
      assert.deepEqual(
        u.state.appended.map((r) => decode(r).eventId),
        events.map((e) => e.eventId),
        'the log holds them in the order the relay appended them',
      );
      // Concurrent edits are serialised by the row lock: each event saw the one before it.
      const statusOf = (e: UserEvent) => (e.type === 'UserStatusChanged' ? [e.oldStatus, e.newStatus] : null);
      assert.deepEqual(statusOf(events[3]!), ['ACTIVE', 'SUSPENDED']);
      assert.deepEqual(statusOf(events[10]!), ['SUSPENDED', 'ACTIVE']);
    });

    test('two relays (two nodes) on one outbox: every event in the log once, in order', {
      skip,
    }, async () => {
      const a = await setup();
      const b = await setup();
      a.state.down = true;
      const account = await newUser(a, 'm0');
      for (const nickname of ['m1', 'm2', 'm3', 'm4']) await a.profiles.updateMine(account.id, { nickname });
      await a.relay.flush();
      a.state.down = false;
      await Promise.all([a.relay.flush(), b.relay.flush(), a.relay.flush(), b.relay.flush()]);
      assert.equal((await a.relay.backlog()).pending, 0);
      const events = await consumed(account.id, 5);
      assert.deepEqual(
        events.map((e) => (e.type === 'UserProfileUpdated' ? e.nickname : e.type)),
        ['UserCreated', 'm1', 'm2', 'm3', 'm4'],
      );
    });

    test('one relay at a time: while a node holds the lease, the other leaves the rows to it', {
      skip,
    }, async () => {
      const a = await setup();
      const b = await setup();
      a.state.down = true;
      const account = await newUser(a, 'leased');
      await a.relay.flush(); // a takes the lease; its append fails
      a.state.down = false;
      await b.relay.flush();
      assert.equal(b.state.appended.length, 0, 'b appended nothing while a held the lease');
      assert.equal((await b.relay.backlog()).pending, 1);
      await a.relay.flush();
      assert.deepEqual(
        a.state.appended.map((r) => decode(r).userId),
        [account.id],
      );
      assert.equal((await a.relay.backlog()).pending, 0);
      await a.relay.stop(); // releases the lease: b relays from now on
      await b.profiles.updateMine(account.id, { nickname: 'after a' });
      await b.relay.flush();
      assert.equal(b.state.appended.length, 1);
    });

    test('an append holds at most one event per user, so a failed one cannot be overtaken', {
      skip,
    }, async () => {
      const u = await setup();
      u.state.down = true;
      const [x, y] = [await newUser(u, 'x0'), await newUser(u, 'y0')];
      for (const n of [1, 2]) {
        await u.profiles.updateMine(x.id, { nickname: `x${n}` });
        await u.profiles.updateMine(y.id, { nickname: `y${n}` });
      }
      u.state.down = false;
      await u.relay.flush();
      assert.equal((await u.relay.backlog()).pending, 0);
      for (const batch of u.state.batches) {
        const users = batch.map((r) => decode(r).userId);
        assert.equal(new Set(users).size, users.length, `one event per user in ${users.join(',')}`);
      }
      assert.equal(u.state.batches.length, 3, 'six events of two users: three appends');
    });

    test('stop waits for a running pass; kicks after stop do nothing', { skip }, async () => {
      const u = await setup();
      const account = await newUser(u); // kicks a pass
      await u.relay.flush();
      const open = u.hold();
      const calls = u.state.calls;
      await u.profiles.updateMine(account.id, { nickname: 'held' });
      const pass = u.relay.kick();
      await eventually(async () => u.state.calls > calls);
      assert.equal(u.state.appended.length, 1, 'the append is held');
      let stopped = false;
      const stopping = u.relay.stop().then(() => {
        stopped = true;
      });
      await new Promise((r) => setImmediate(r));
      assert.equal(stopped, false, 'stop waits for the append in flight');
      open();
      await Promise.all([pass, stopping]);
      assert.equal((await u.relay.backlog()).pending, 0, 'the running pass finished its batch');
      await u.profiles.updateMine(account.id, { nickname: 'after stop' });
      await u.relay.kick();
      assert.equal((await u.relay.backlog()).pending, 1, 'left in the outbox for the next start');
      assert.deepEqual(
        u.state.appended.map((r) => decode(r).type),
        ['UserCreated', 'UserProfileUpdated'],
      );
    });
  });
}
