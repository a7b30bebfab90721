import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { TopicInfo } from '../../ports/event-log.ts';
import { type NatsNames, validateTopic } from './names.ts';

const PARTITIONS = /partitions=(\d+)/;

/** The partition count lives in the stream description (metadata needs NATS 2.10+). */
export function partitionsOf(info: StreamInfo): number {
  const m = PARTITIONS.exec(info.config.description ?? '');
  if (!m?.[1]) throw new Error(`stream ${info.config.name} has no partition count in its description`);
  return Number(m[1]);
}

export function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/**
 * Creates a stream, or returns the existing one (also when another instance raced us). An
 * existing stream takes the configured replica count (NATS moves the data itself).
 */
async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string; num_replicas: number },
): Promise<StreamInfo> {
  const found = await jsm.streams.info(config.name).catch((err) => {
    if (isApiError(err, JetStreamApiCodes.StreamNotFound)) return undefined;
    throw err;
  });
  let info: StreamInfo =
    found ??
    (await jsm.streams.add(config).catch((err) =>
      // Created concurrently by another instance with a different description, etc.
      jsm.streams.info(config.name).catch(() => Promise.reject(err)),
    ));
  if (info.config.num_replicas !== config.num_replicas) {
    info = await jsm.streams.update(config.name, { ...info.config, num_replicas: config.num_replicas });
  }
  return info;
}

/**
 * Creates the topic's stream when missing; an existing stream keeps its partition count and
 * takes the configured retention (records older than `retentionMs` are removed, consumed or
 * not, as in Kafka).
 */
export async function ensureTopicStream(
  jsm: JetStreamManager,
  names: NatsNames,
  topic: string,
  partitions: number,
  dedupWindowMs: number,
  retentionMs: number,
  replicas = 1,
): Promise<TopicInfo> {
  validateTopic(topic);
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 4096) {
    throw new Error(`topic ${topic}: partitions must be an integer in 1..4096`);
  }
  const info = await ensureStream(jsm, {
    name: names.topicStream(topic),
    description: `chat event log topic ${topic}; partitions=${partitions}`,
    subjects: [names.topicSubjects(topic)],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(retentionMs),
    duplicate_window: nanos(dedupWindowMs),
    allow_direct: true,
    num_replicas: replicas,
  });
  if (info.config.max_age !== nanos(retentionMs)) {
    await jsm.streams.update(info.config.name, { ...info.config, max_age: nanos(retentionMs) });
  }
  return { topic, partitions: partitionsOf(info) };
}

/** The dead-letter and control streams shared by all topics of the log. */
export async function ensureLogStreams(jsm: JetStreamManager, names: NatsNames, replicas = 1): Promise<void> {
  await ensureStream(jsm, {
    name: names.dlqStream,
    description: 'chat event log dead letters',
    subjects: [`${names.prefix}.dlq.>`],
    storage: StorageType.File,
    allow_direct: true,
    num_replicas: replicas,
  });
  await ensureStream(jsm, {
    name: names.ctlStream,
    description: 'chat event log leases, heartbeats and saved positions',
    subjects: [`${names.prefix}.ctl.>`],
    storage: StorageType.File,
    max_msgs_per_subject: 1,
    discard: DiscardPolicy.Old,
    max_age: nanos(24 * 3600_000),
    allow_direct: true,
    num_replicas: replicas,
  });
}
