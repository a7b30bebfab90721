import type { PubSubMetrics } from '../observability/pubsub-metrics.ts';
import type { PubSub, PubSubHandler } from '../ports/pubsub.ts';

/** The pub/sub adapter with published / received / failed counters around it. */
export function instrumentPubSub(pubsub: PubSub, metrics: PubSubMetrics): PubSub {
  const counted =
    (handler: PubSubHandler): PubSubHandler =>
    (message, channel) => {
      metrics.received.inc();
      return handler(message, channel);
    };
  return {
    adapter: pubsub.adapter,
    async publish(channel, message) {
      try {
        await pubsub.publish(channel, message);
      } catch (err) {
        metrics.publishFailures.inc();
        throw err;
      }
      metrics.published.inc();
    },
    subscribe: (channel, handler) => pubsub.subscribe(channel, counted(handler)),
    psubscribe: (pattern, handler) => pubsub.psubscribe(pattern, counted(handler)),
    continuity: () => pubsub.continuity(),
    health: () => pubsub.health(),
    close: () => pubsub.close(),
  };
}
