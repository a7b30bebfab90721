import type { Redis } from 'ioredis';
import { withTimeout } from '../async/with-timeout.ts';
import { closeRedis, connectRedis } from '../cache/redis.ts';
import type { ComponentHealth } from '../ports/health.ts';
import type { PubSub, PubSubHandler, Unsubscribe } from '../ports/pubsub.ts';
import { type HandlerErrorReporter, invokeHandler, warnHandlerError } from './memory.ts';

export interface RedisPubSubOptions {
  url: string;
  /** Prepended to every channel and pattern, e.g. `chat:`. */
  prefix: string;
  connectTimeoutMs?: number;
  /** A handler threw (or its promise rejected). Default: a process warning. */
  onHandlerError?: HandlerErrorReporter;
  /** Connection errors after start (the clients reconnect by themselves). Default: ignored. */
  onError?: (err: Error) => void;
}

interface Subscription {
  handlers: Set<PubSubHandler>;
  /** Resolves once Redis confirmed the SUBSCRIBE / PSUBSCRIBE. */
  ready: Promise<unknown>;
}

const HEALTH_TIMEOUT_MS = 2000;

/** Makes glob characters of the prefix literal in a PSUBSCRIBE pattern. */
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/**
 * One registry of handlers per kind (channels, patterns): the first handler of a key issues the
 * Redis command, the last one to leave undoes it.
 */
function registry(
  on: (key: string) => Promise<unknown>,
  off: (key: string) => Promise<unknown>,
): {
  map: Map<string, Subscription>;
  add(key: string, handler: PubSubHandler): Promise<Unsubscribe>;
} {
  const map = new Map<string, Subscription>();
  return {
    map,
    async add(key, handler) {
      let sub = map.get(key);
      if (!sub) {
        const created: Subscription = { handlers: new Set(), ready: on(key) };
        sub = created;
        map.set(key, created);
        created.ready.catch(() => {
          if (map.get(key) === created) map.delete(key);
        });
      }
      sub.handlers.add(handler);
      await sub.ready;
      const subscription = sub;
      return async () => {
        if (!subscription.handlers.delete(handler) || subscription.handlers.size > 0) return;
        if (map.get(key) !== subscription) return;
        map.delete(key);
        await off(key);
      };
    },
  };
}

/**
 * Redis Pub/Sub: one publishing and one subscribing connection; channels and patterns are
 * prefixed, handlers see the bare channel name. ioredis resubscribes after a reconnect.
 */
export async function createRedisPubSub(opts: RedisPubSubOptions): Promise<PubSub> {
  const { prefix } = opts;
  const onHandlerError = opts.onHandlerError ?? warnHandlerError;
  const connect = (role: string) =>
    connectRedis({
      url: opts.url,
      connectTimeoutMs: opts.connectTimeoutMs,
      name: `${prefix}${role}`,
      onError: opts.onError,
      autoPipelining: role === 'pub',
      // The subscriber subscribes again itself (see `resume`): ioredis does it without
      // telling when it is done, and leaves a failure unhandled.
      autoResubscribe: role === 'pub',
    });
  const publisher = await connect('pub');
  let subscriber: Redis;
  try {
    subscriber = await connect('sub');
  } catch (err) {
    await closeRedis(publisher);
    throw err;
  }

  const channels = registry(
    (ch) => subscriber.subscribe(prefix + ch),
    (ch) => subscriber.unsubscribe(prefix + ch),
  );
  const patterns = registry(
    (p) => subscriber.psubscribe(escapeGlob(prefix) + p),
    (p) => subscriber.punsubscribe(escapeGlob(prefix) + p),
  );
  const deliver = (sub: Subscription | undefined, channel: string, message: string) => {
    if (!sub) return;
    const bare = channel.startsWith(prefix) ? channel.slice(prefix.length) : channel;
    for (const handler of [...sub.handlers]) {
      if (sub.handlers.has(handler)) invokeHandler(handler, message, bare, onHandlerError);
    }
  };
  // Bumped when the subscriber connection is lost; `listening` is false from then until every
  // channel and pattern is subscribed again on the new connection.
  let epoch = 0;
  let listening = true;
  subscriber.on('close', () => {
    if (!listening) return;
    listening = false;
    epoch++;
  });
  /** On a new connection: subscribes everything held, then trusts the connection again. */
  async function resume(): Promise<void> {
    const held = [[...channels.map.keys()], [...patterns.map.keys()]] as const;
    try {
      await Promise.all([
        held[0].length > 0 && subscriber.subscribe(...held[0].map((ch) => prefix + ch)),
        held[1].length > 0 && subscriber.psubscribe(...held[1].map((p) => escapeGlob(prefix) + p)),
      ]);
      if (subscriber.status === 'ready') listening = true;
    } catch (err) {
      // Lost again meanwhile (the next 'ready' resumes), or refused: start over on a new one.
      opts.onError?.(err as Error);
      if (subscriber.status === 'ready') subscriber.disconnect(true);
    }
  }
  subscriber.on('ready', () => void resume());
  subscriber.on('message', (channel: string, message: string) => {
    deliver(channels.map.get(channel.slice(prefix.length)), channel, message);
  });
  subscriber.on('pmessage', (pattern: string, channel: string, message: string) => {
    const prefixPattern = escapeGlob(prefix);
    if (!pattern.startsWith(prefixPattern)) return;
    deliver(patterns.map.get(pattern.slice(prefixPattern.length)), channel, message);
  });

  return {
    adapter: 'redis',
    async publish(channel, message) {
      await publisher.publish(prefix + channel, message);
    },
    subscribe: (channel, handler) => channels.add(channel, handler),
    psubscribe: (pattern, handler) => patterns.add(pattern, handler),
    continuity: () => (listening ? epoch : undefined),
    async health(): Promise<ComponentHealth> {
      const details = {
        adapter: 'redis',
        publisher: publisher.status,
        subscriber: subscriber.status,
        channels: channels.map.size,
        patterns: patterns.map.size,
        listening,
      };
      try {
        await withTimeout(publisher.ping(), HEALTH_TIMEOUT_MS, 'PING');
        if (subscriber.status !== 'ready') throw new Error(`subscriber connection is ${subscriber.status}`);
        if (!listening) throw new Error('subscriptions not restored yet');
        return { status: 'UP', details };
      } catch (err) {
        return { status: 'DOWN', details: { ...details, error: (err as Error).message } };
      }
    },
    async close() {
      channels.map.clear();
      patterns.map.clear();
      await Promise.all([closeRedis(subscriber), closeRedis(publisher)]);
    },
  };
}
