import type { Metrics } from '@chat/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The chat service's metrics, with the names CONTRACT.md promises. */
export type LagSource = () => Promise<readonly { group: string; partition: number; lag: number }[]>;

export function createChatMetrics(metrics: Metrics, lagSource: LagSource, deliveryLagMs: () => number) {
  const registers = [metrics.registry];
  return {
    sent: new Counter({
      name: 'chat_messages_sent_total',
      help: 'Messages accepted by SEND and durably appended to the log',
      registers,
    }),
    consumed: new Counter({
      name: 'chat_messages_consumed_total',
      help: 'Message records persisted by the persistence consumer group',
      registers,
    }),
    deadLettered: new Counter({
      name: 'chat_messages_dead_lettered_total',
      help: 'Message records moved to the dead letters after repeated failure',
      registers,
    }),
    sessions: new Gauge({
      name: 'chat_websocket_sessions',
      help: 'Open STOMP sessions on this node',
      registers,
    }),
    roomsCreated: new Counter({
      name: 'chat_rooms_created_total',
      help: 'Rooms created (direct and group)',
      registers,
    }),
    consumeDuration: new Histogram({
      name: 'chat_message_consume_duration_seconds',
      help: 'Time to persist and broadcast one batch of message records',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'chat_consumer_lag',
      help: 'Message records not yet committed by a consumer group, per partition',
      labelNames: ['group', 'partition'] as const,
      registers,
      async collect() {
        for (const p of await lagSource().catch(() => [])) {
          this.set({ group: p.group, partition: String(p.partition) }, p.lag);
        }
      },
    }),
    deliveryLag: new Gauge({
      name: 'chat_delivery_lag_seconds',
      help: "How late messages reach this node's subscribers (accepted to written), the largest of the last second; SENDs are refused with SERVER_BUSY above CHAT_BUSY_LAG_MS",
      registers,
      collect() {
        this.set(deliveryLagMs() / 1000);
      },
    }),
    searchBacklog: new Gauge({
      name: 'chat_search_index_backlog',
      help: 'Stored messages the search indexer has not indexed yet (at most; search tests them directly)',
      registers,
    }),
    ...attachmentMetrics(registers),
    pushSent: new Counter({
      name: 'chat_push_sent_total',
      help: 'Web Push messages a push service accepted',
      registers,
    }),
    pushFailed: new Counter({
      name: 'chat_push_failed_total',
      help: 'Web Push messages not delivered (push service error, timeout)',
      registers,
    }),
    pushExpired: new Counter({
      name: 'chat_push_subscriptions_expired_total',
      help: 'Subscriptions removed because the push service no longer knows them (404, 410)',
      registers,
    }),
    stompErrors: new Counter({
      name: 'chat_stomp_request_errors_total',
      help: 'Per-request STOMP errors sent to /user/queue/errors, by code',
      labelNames: ['code'] as const,
      registers,
    }),
  };
}

export type ChatMetrics = ReturnType<typeof createChatMetrics>;

/** Uploads stored and refused, bytes written to object storage, image work, the clean-up. */
function attachmentMetrics(registers: Metrics['registry'][]) {
  const uploads = new Counter({
    name: 'chat_attachment_uploads_total',
    help: 'Uploads stored, by kind (IMAGE, FILE)',
    labelNames: ['kind'] as const,
    registers,
  });
  // Both kinds from the start, so dashboards see 0 rather than nothing.
  for (const kind of ['IMAGE', 'FILE']) uploads.inc({ kind }, 0);
  return {
    attachmentUploads: uploads,
    attachmentRefusals: new Counter({
      name: 'chat_attachment_upload_refusals_total',
      help: 'Uploads refused (too large, empty, a lying type, an unreadable image, over quota)',
      registers,
    }),
    attachmentBytes: new Counter({
      name: 'chat_attachment_bytes_stored_total',
      help: 'Bytes written to object storage for attachments (files, cleaned images, thumbnails)',
      registers,
    }),
    attachmentsRemoved: new Counter({
      name: 'chat_attachments_removed_total',
      help: 'Attachments the clean-up removed (never sent, unsent, expired)',
      registers,
    }),
    imageProcessing: new Histogram({
      name: 'chat_attachment_image_processing_seconds',
      help: 'Time to clean an uploaded image and make its thumbnail',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}
