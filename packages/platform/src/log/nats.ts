import { JetStreamApiCodes, jetstream } from '@nats-io/jetstream';
import type { AppendResult, Consumer, EventLog, PartitionLag, TopicInfo } from '../ports/event-log.ts';
import { partitionFor } from '../ports/event-log.ts';
import { resolveConsumeOptions } from './consume-options.ts';
import { startGroupConsumer, trackConsumer } from './group-consumer.ts';
import { createLeaseAssigner } from './lease-assigner.ts';
import { connectJetStream, displayServers } from './nats/connect.ts';
import { getDeadLetter, listDeadLetterGroups, listDeadLetters } from './nats/dead-letters.ts';
import { createNatsLeaseBackend } from './nats/lease-backend.ts';
import { NatsNames } from './nats/names.ts';
import { openNatsPartition } from './nats/partition-source.ts';
import { encodeRecordHeaders, toBytes } from './nats/record-codec.ts';
import { ensureLogStreams, ensureTopicStream, isApiError } from './nats/streams.ts';

export interface NatsEventLogOptions {
  /** `nats://host:4222` (comma-separated for several servers). */
  url: string;
  /** Namespaces streams (`<prefix>_<topic>`) and subjects (`<prefix>.<topic>.<partition>`). */
  prefix: string;
  defaultPartitions?: number;
  /** Redelivery timeout of un-acked messages (default 30 s); retries happen in-process. */
  ackWaitMs?: number;
  /** De-duplication window for record ids (default 2 min). */
  dedupWindowMs?: number;
  /** Records older than this are removed from topic streams, consumed or not (default 7 days). */
  retentionMs?: number;
  connectTimeoutMs?: number;
  /**
   * Copies of every stream (default 1). 3 on a NATS cluster of 3+: an append is acknowledged
   * once a majority stored it, so losing one server loses nothing. Applied to existing
   * streams too.
   */
  replicas?: number;
  /** Partition lease lifetime: how soon a dead instance's partitions move (default 10 s). */
  leaseTtlMs?: number;
  /** Errors the consumers recover from by retrying (fetch, commit, leases). */
  onError?: (err: Error, context: string) => void;
}

/** The event log on NATS JetStream: a stream per topic, a durable consumer per group partition. */
export async function createNatsEventLog(opts: NatsEventLogOptions): Promise<EventLog> {
  const names = new NatsNames(opts.prefix);
  const { nc, jsm } = await connectJetStream(opts.url, opts.connectTimeoutMs ?? 5000);
  const js = jetstream(nc);
  const defaultPartitions = opts.defaultPartitions ?? 8;
  const ackWaitMs = opts.ackWaitMs ?? 30_000;
  const dedupWindowMs = opts.dedupWindowMs ?? 120_000;
  const retentionMs = opts.retentionMs ?? 7 * 24 * 3600_000;
  const leaseTtlMs = opts.leaseTtlMs ?? 10_000;
  const replicas = opts.replicas ?? 1;
  const onError = opts.onError ?? (() => undefined);
  const topics = new Map<string, Promise<TopicInfo>>();
  const consumers = new Set<Consumer>();

  try {
    // A server without clustering would take R3 and keep one copy: refuse to promise more.
    if (replicas > 1 && !nc.info?.cluster) {
      throw new Error(
        `NATS at ${displayServers(opts.url)} is not clustered: it cannot keep ${replicas} replicas (LOG_REPLICAS)`,
      );
    }
    await ensureLogStreams(jsm, names, replicas);
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw err;
  }

  const ensureTopic = (topic: string, partitions?: number): Promise<TopicInfo> => {
    let info = topics.get(topic);
    if (!info) {
      info = ensureTopicStream(
        jsm,
        names,
        topic,
        partitions ?? defaultPartitions,
        dedupWindowMs,
        retentionMs,
        replicas,
      );
      topics.set(topic, info);
      info.catch(() => topics.delete(topic));
    }
    return info;
  };

  const log: EventLog = {
    adapter: 'nats',

    ensureTopic: (topic, o) => ensureTopic(topic, o?.partitions),

    async append(topic, records) {
      const { partitions } = await ensureTopic(topic);
      return Promise.all(
        records.map(async (r): Promise<AppendResult> => {
          const partition = partitionFor(r.key, partitions);
          const ack = await js.publish(names.partitionSubject(topic, partition), toBytes(r.value), {
            headers: encodeRecordHeaders(r),
            ...(r.id ? { msgID: r.id } : {}),
          });
          return { partition, offset: ack.seq, duplicate: ack.duplicate };
        }),
      );
    },

    async consume(topic, group, handler, consumeOpts) {
      const { partitions } = await ensureTopic(topic);
      const options = resolveConsumeOptions(consumeOpts);
      const assigner = createLeaseAssigner({
        partitions,
        instanceId: options.instanceId,
        leaseTtlMs,
        onError,
        backend: createNatsLeaseBackend({
          nc,
          js,
          jsm,
          names,
          topic,
          group,
          instanceId: options.instanceId,
          ttlMs: leaseTtlMs,
        }),
      });
      const consumer = await startGroupConsumer({
        handler,
        options,
        assigner,
        onError,
        openPartition: (partition) =>
          openNatsPartition({
            js,
            jsm,
            names,
            topic,
            group,
            partition,
            batchSize: options.batchSize,
            ackWaitMs,
          }),
      });
      return trackConsumer(consumer, consumers);
    },

    async lag(topic, group) {
      const { partitions } = await ensureTopic(topic);
      const stream = names.topicStream(topic);
      let counts: Record<string, number> | undefined;
      const out: PartitionLag[] = [];
      for (let partition = 0; partition < partitions; partition++) {
        try {
          const ci = await jsm.consumers.info(stream, names.consumer(group, partition));
          out.push({ partition, lag: ci.num_pending + ci.num_ack_pending });
        } catch (err) {
          if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
          // The group never consumed this partition: everything in it is lag.
          counts ??= (await jsm.streams.info(stream, { subjects_filter: names.topicSubjects(topic) })).state
            .subjects;
          out.push({ partition, lag: counts?.[names.partitionSubject(topic, partition)] ?? 0 });
        }
      }
      return out;
    },

    deadLetters: (topic, group, o) => listDeadLetters(jsm, names, topic, group, o?.limit ?? 100),
    deadLetterGroups: () => listDeadLetterGroups(jsm, names),

    async redrive(topic, group, ids) {
      const letters = ids
        ? (await Promise.all(ids.map((id) => getDeadLetter(jsm, names, topic, group, id)))).filter(
            (d) => d !== null,
          )
        : await listDeadLetters(jsm, names, topic, group, Number.MAX_SAFE_INTEGER);
      for (const d of letters) {
        await log.append(topic, [{ key: d.key, value: d.value, headers: d.headers }]);
        await jsm.streams.deleteMessage(names.dlqStream, Number(d.id), false);
      }
      return letters.length;
    },

    async health() {
      const server = displayServers(opts.url);
      if (nc.isClosed())
        return { status: 'DOWN', details: { adapter: 'nats', server, error: 'connection closed' } };
      try {
        await jsm.getAccountInfo();
        return { status: 'UP', details: { adapter: 'nats', server: nc.getServer() } };
      } catch (err) {
        return { status: 'DOWN', details: { adapter: 'nats', server, error: (err as Error).message } };
      }
    },

    async close() {
      await Promise.all(
        [...consumers].map((c) => c.stop().catch((err) => onError(err as Error, 'stop consumer'))),
      );
      consumers.clear();
      if (!nc.isClosed()) await nc.drain();
    },
  };
  return log;
}
