import type { ComponentHealth } from '../ports/health.ts';
import type { PubSub, PubSubHandler, Unsubscribe } from '../ports/pubsub.ts';

export interface MemoryPubSubOptions {
  /** A handler threw (or its promise rejected). Default: a process warning. */
  onHandlerError?: (err: unknown, channel: string) => void;
}

export type HandlerErrorReporter = (err: unknown, channel: string) => void;

export const warnHandlerError: HandlerErrorReporter = (err, channel) => {
  process.emitWarning(`pub/sub handler for ${channel} failed: ${(err as Error)?.message ?? String(err)}`);
};

/** Calls a handler so that neither a throw nor a rejected promise reaches the caller. */
export function invokeHandler(
  handler: PubSubHandler,
  message: string,
  channel: string,
  onError: HandlerErrorReporter,
): void {
  try {
    const result = handler(message, channel) as unknown;
    if (result instanceof Promise) result.catch((err: unknown) => onError(err, channel));
  } catch (err) {
    onError(err, channel);
  }
}

const escapeRegExp = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** The body of a `[...]` class: ranges (swapped when reversed, as Redis does) and `\x` escapes. */
function classToRegExp(body: string): string {
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++)
    chars.push(body[i] === '\\' && i + 1 < body.length ? body[++i]! : body[i]!);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const lo = chars[i]!;
    const hi = chars[i + 2];
    if (chars[i + 1] === '-' && hi !== undefined) {
      const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
      out += `${escapeRegExp(a)}-${escapeRegExp(b)}`;
      i += 2;
    } else out += escapeRegExp(lo);
  }
  return out;
}

/** Redis glob (`*`, `?`, `[abc]`, `[^a-z]`, `\x`) as an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]!);
    else if (c === '[') {
      let end = i + 1;
      while (end < glob.length && glob[end] !== ']') end += glob[end] === '\\' ? 2 : 1;
      let body = glob.slice(i + 1, Math.min(end, glob.length));
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${classToRegExp(body)}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  return new RegExp(`^${out}$`);
}

/**
 * In-process pub/sub with the Redis adapter's semantics: glob patterns as PSUBSCRIBE, delivery
 * always asynchronous (never inside `publish`), a throwing handler does not affect the others,
 * and a handler gets nothing once its unsubscribe was called.
 */
export function createMemoryPubSub(opts: MemoryPubSubOptions = {}): PubSub {
  const onError = opts.onHandlerError ?? warnHandlerError;
  const channels = new Map<string, Set<PubSubHandler>>();
  const patterns = new Map<string, { regex: RegExp; handlers: Set<PubSubHandler> }>();
  let closed = false;

  return {
    adapter: 'memory',
    async publish(channel, message) {
      if (closed) throw new Error('pub/sub is closed');
      const targets: [PubSubHandler, () => boolean][] = [];
      for (const handler of channels.get(channel) ?? []) {
        targets.push([handler, () => channels.get(channel)?.has(handler) === true]);
      }
      for (const [pattern, entry] of patterns) {
        if (!entry.regex.test(channel)) continue;
        for (const handler of entry.handlers) {
          targets.push([handler, () => patterns.get(pattern)?.handlers.has(handler) === true]);
        }
      }
      if (targets.length === 0) return;
      queueMicrotask(() => {
        for (const [handler, stillSubscribed] of targets) {
          if (stillSubscribed()) invokeHandler(handler, message, channel, onError);
        }
      });
    },
    async subscribe(channel, handler): Promise<Unsubscribe> {
      const set = channels.get(channel) ?? new Set();
      set.add(handler);
      channels.set(channel, set);
      return async () => {
        const current = channels.get(channel);
        if (current?.delete(handler) && current.size === 0) channels.delete(channel);
      };
    },
    async psubscribe(pattern, handler): Promise<Unsubscribe> {
      const entry = patterns.get(pattern) ?? { regex: globToRegExp(pattern), handlers: new Set() };
      entry.handlers.add(handler);
      patterns.set(pattern, entry);
      return async () => {
        const current = patterns.get(pattern);
        if (current?.handlers.delete(handler) && current.handlers.size === 0) patterns.delete(pattern);
      };
    },
    // One process: nothing published can be missed.
    continuity: () => (closed ? undefined : 0),
    async health(): Promise<ComponentHealth> {
      return {
        status: closed ? 'DOWN' : 'UP',
        details: { adapter: 'memory', channels: channels.size, patterns: patterns.size },
      };
    },
    async close() {
      closed = true;
      channels.clear();
      patterns.clear();
    },
  };
}
