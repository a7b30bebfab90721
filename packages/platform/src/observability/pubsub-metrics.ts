import { Counter, type Registry } from 'prom-client';

/** Pub/sub traffic of this process (no channel label: channels carry room and user ids). */
export function createPubSubMetrics(registry: Registry) {
  const registers = [registry];
  return {
    published: new Counter({
      name: 'pubsub_messages_published_total',
      help: 'Messages this process published',
      registers,
    }),
    publishFailures: new Counter({
      name: 'pubsub_publish_failures_total',
      help: 'Publishes that failed (the message was not sent)',
      registers,
    }),
    received: new Counter({
      name: 'pubsub_messages_received_total',
      help: 'Messages delivered to subscription handlers of this process (one per handler)',
      registers,
    }),
  };
}

export type PubSubMetrics = ReturnType<typeof createPubSubMetrics>;
