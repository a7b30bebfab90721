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
}
