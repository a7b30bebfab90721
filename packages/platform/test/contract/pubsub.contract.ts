import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PubSub, PubSubHandler } from '../../src/ports/pubsub.ts';
import { uniqueName } from '../../src/testing/services.ts';

export interface ContractOptions {
  /** `false` to run, or the reason to skip (from `skipUnless`). */
  skip?: false | string;
}

export type HandlerErrorReporter = (err: unknown, channel: string) => void;
export type MakePubSub = (opts?: { onHandlerError?: HandlerErrorReporter }) => Promise<PubSub>;

export interface Inbox {
  /** [channel, message] in arrival order. */
  readonly received: [string, string][];
  readonly handler: PubSubHandler;
  /** Resolves once `count` messages arrived in total; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

export function inbox(): Inbox {
  const received: [string, string][] = [];
  const waiters = new Set<{ count: number; done: () => void }>();
  return {
    received,
    handler: (message, channel) => {
      received.push([channel, message]);
      for (const w of waiters) if (received.length >= w.count) w.done();
    },
    waitFor(count, timeoutMs = 3000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out waiting for ${count} messages, got ${JSON.stringify(received)}`));
        }, timeoutMs);
        const waiter = {
          count,
          done: () => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve();
          },
        };
        waiters.add(waiter);
      });
    },
  };
}

/** Behaviour every PubSub adapter must have. */
export function pubsubContract(name: string, make: MakePubSub, opts: ContractOptions = {}): void {
  describe(`PubSub contract: ${name}`, { skip: opts.skip }, () => {
    let pubsub!: PubSub;
    const errors: [unknown, string][] = [];
    const ch = (label = 'ch') => uniqueName(label);

    /**
     * Proves a message was NOT delivered: publishes to a fresh sentinel channel after it; once the
     * sentinel arrives, anything published before it would have arrived too (delivery is ordered).
     */
    const flush = async () => {
      const sentinel = ch('sentinel');
      const box = inbox();
      const off = await pubsub.subscribe(sentinel, box.handler);
      await pubsub.publish(sentinel, 'flush');
      await box.waitFor(1);
      await off();
    };

    before(async () => {
      pubsub = await make({ onHandlerError: (err, channel) => errors.push([err, channel]) });
    });
    after(async () => {
      await pubsub?.close();
    });

    it('delivers to a subscriber with the bare channel name', async () => {
      const [c, other] = [ch(), ch()];
      const box = inbox();
      const off = await pubsub.subscribe(c, box.handler);
      await pubsub.publish(other, 'not for you');
      await pubsub.publish(c, 'hello');
      await box.waitFor(1);
      await flush();
      assert.deepEqual(box.received, [[c, 'hello']]);
      await off();
    });

    it('keeps one continuity while nothing can have been missed', async () => {
      const first = pubsub.continuity();
      assert.equal(typeof first, 'number');
      const c = ch();
      const box = inbox();
      const off = await pubsub.subscribe(c, box.handler);
      await pubsub.publish(c, 'x');
      await box.waitFor(1);
      await off();
      assert.equal(pubsub.continuity(), first);
    });

    it('delivers asynchronously, never inside publish', async () => {
      const c = ch();
      let publishing = false;
      let calledDuringPublish = false;
      const box = inbox();
      const off = await pubsub.subscribe(c, (m, channel) => {
        if (publishing) calledDuringPublish = true;
        box.handler(m, channel);
      });
      publishing = true;
      const published = pubsub.publish(c, 'x');
      publishing = false;
      await published;
      await box.waitFor(1);
      assert.equal(calledDuringPublish, false);
      await off();
    });

    it('keeps order and round-trips Korean, emoji and large payloads', async () => {
      const c = `${ch()}.방`;
      const box = inbox();
      const off = await pubsub.subscribe(c, box.handler);
      const messages = Array.from({ length: 50 }, (_, i) => `${i} 안녕 👋🏽 ${'x'.repeat(i)}`);
      messages.push('큰'.repeat(100_000));
      await Promise.all(messages.map((m) => pubsub.publish(c, m)));
      await box.waitFor(messages.length);
      assert.deepEqual(
        box.received.map(([, m]) => m),
        messages,
      );
      assert.equal(box.received[0]![0], c);
      await off();
    });

    it('gives every handler of a channel the message once', async () => {
      const c = ch();
      const [a, b] = [inbox(), inbox()];
      const offA = await pubsub.subscribe(c, a.handler);
      const offB = await pubsub.subscribe(c, b.handler);
      await pubsub.publish(c, 'both');
      await Promise.all([a.waitFor(1), b.waitFor(1)]);
      await flush();
      assert.deepEqual([a.received, b.received], [[[c, 'both']], [[c, 'both']]]);
      await Promise.all([offA(), offB()]);
    });

    it('stops delivering to a handler once unsubscribed, others keep receiving', async () => {
      const c = ch();
      const [a, b] = [inbox(), inbox()];
      const offA = await pubsub.subscribe(c, a.handler);
      const offB = await pubsub.subscribe(c, b.handler);
      await offA();
      await offA();
      await pubsub.publish(c, 'only b');
      await b.waitFor(1);
      await offB();
      await pubsub.publish(c, 'nobody');
      await flush();
      assert.deepEqual(a.received, []);
      assert.deepEqual(b.received, [[c, 'only b']]);
    });

    it('subscribes again after the last handler left', async () => {
      const c = ch();
      const first = inbox();
      await (await pubsub.subscribe(c, first.handler))();
      const second = inbox();
      const off = await pubsub.subscribe(c, second.handler);
      await pubsub.publish(c, 'back');
      await second.waitFor(1);
      assert.deepEqual(first.received, []);
      await off();
    });

    it('matches patterns as Redis PSUBSCRIBE does (*, ?, [..])', async () => {
      const base = ch('room');
      const star = inbox();
      const question = inbox();
      const klass = inbox();
      const offs = [
        await pubsub.psubscribe(`${base}.*`, star.handler),
        await pubsub.psubscribe(`${base}-?`, question.handler),
        await pubsub.psubscribe(`${base}:[ab]`, klass.handler),
      ];
      for (const c of [
        `${base}.1`,
        `${base}.방.2`,
        `${base}x1`,
        `${base}-a`,
        `${base}-ab`,
        `${base}:a`,
        `${base}:c`,
      ]) {
        await pubsub.publish(c, c);
      }
      await flush();
      assert.deepEqual(
        star.received.map(([c]) => c),
        [`${base}.1`, `${base}.방.2`],
      );
      assert.deepEqual(
        question.received.map(([c]) => c),
        [`${base}-a`],
      );
      assert.deepEqual(
        klass.received.map(([c]) => c),
        [`${base}:a`],
      );
      for (const off of offs) await off();
      await pubsub.publish(`${base}.1`, 'after');
      await flush();
      assert.equal(star.received.length, 2);
    });

    it('delivers to both a channel and a matching pattern subscriber', async () => {
      const base = ch();
      const [direct, pattern] = [inbox(), inbox()];
      const offs = [
        await pubsub.subscribe(`${base}.x`, direct.handler),
        await pubsub.psubscribe(`${base}.*`, pattern.handler),
      ];
      await pubsub.publish(`${base}.x`, 'm');
      await Promise.all([direct.waitFor(1), pattern.waitFor(1)]);
      assert.deepEqual(pattern.received, [[`${base}.x`, 'm']]);
      for (const off of offs) await off();
    });

    it('isolates a throwing or rejecting handler from the others, and reports it', async () => {
      const c = ch();
      const box = inbox();
      errors.length = 0;
      const offs = [
        await pubsub.subscribe(c, () => {
          throw new Error('sync boom');
        }),
        await pubsub.subscribe(c, (async () => {
          throw new Error('async boom');
        }) as unknown as PubSubHandler),
        await pubsub.subscribe(c, box.handler),
      ];
      await pubsub.publish(c, 'one');
      await pubsub.publish(c, 'two');
      await box.waitFor(2);
      await flush();
      assert.deepEqual(
        box.received.map(([, m]) => m),
        ['one', 'two'],
      );
      assert.deepEqual(errors.map(([err]) => (err as Error).message).sort(), [
        'async boom',
        'async boom',
        'sync boom',
        'sync boom',
      ]);
      assert.ok(errors.every(([, channel]) => channel === c));
      for (const off of offs) await off();
    });

    it('reports health UP with its adapter name', async () => {
      const health = await pubsub.health();
      assert.equal(health.status, 'UP');
      assert.equal(health.details.adapter, pubsub.adapter);
    });
  });
}
