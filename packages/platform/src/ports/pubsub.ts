import type { Component } from './health.ts';

export type PubSubHandler = (message: string, channel: string) => void;
export type Unsubscribe = () => Promise<void>;

/**
 * Fire-and-forget fan-out to every node (at most once). Channels are namespaced by the
 * adapter's prefix. Payloads cross process boundaries: subscribers validate what they get.
 */
export interface PubSub extends Component {
  readonly adapter: 'redis' | 'memory';
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: PubSubHandler): Promise<Unsubscribe>;
  /** Glob pattern as Redis PSUBSCRIBE understands it (`*`, `?`, `[abc]`). */
  psubscribe(pattern: string, handler: PubSubHandler): Promise<Unsubscribe>;
  /**
   * A number that stays the same while this node's subscriptions hear every message published
   * and changes after any moment they could have missed some (a lost connection); undefined
   * while they hear nothing. A cache that pub/sub keeps fresh trusts an entry only while this
   * is defined and equal to its value when the entry was loaded.
   */
  continuity(): number | undefined;
}
