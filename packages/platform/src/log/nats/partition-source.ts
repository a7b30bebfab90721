import {
  AckPolicy,
  type ConsumerInfo,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiCodes,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { LogRecord } from '../../ports/event-log.ts';
import type { PartitionSource } from '../partition-source.ts';
import { Wakeup } from '../wait.ts';
import { publishDeadLetter } from './dead-letters.ts';
import type { NatsNames } from './names.ts';
import { toLogRecord } from './record-codec.ts';
import { isApiError } from './streams.ts';

export interface NatsPartitionArgs {
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: NatsNames;
  topic: string;
  group: string;
  partition: number;
  batchSize: number;
  ackWaitMs: number;
}

/** Most delivered-but-uncommitted messages per partition (the prefetch buffer). */
const MAX_ACK_PENDING = 2000;

/**
 * One partition of a group on its durable pull consumer (`<group>-p<n>`, AckPolicy.All: a
 * commit acks everything up to the record). Messages are prefetched by a long-lived pull,
 * so new records arrive without polling.
 *
 * Order after a crash: JetStream would redeliver the un-acked messages only after ack_wait
 * while newer ones flow at once. So when this instance takes the partition and finds
 * deliveries beyond the ack floor, it recreates the consumer to start at ack floor + 1
 * (saving that position first, so a crash in between loses nothing). Retries are done by
 * the partition loop, never by nak/redelivery; a gap in delivery sequences (messages lost
 * in transit), a consumer gone from the server, or a rewind by the loop (a commit failed)
 * restarts the consumer the same way.
 */
export async function openNatsPartition(a: NatsPartitionArgs): Promise<PartitionSource> {
  const stream = a.names.topicStream(a.topic);
  const durable = a.names.consumer(a.group, a.partition);
  const posSubject = `${a.names.ctlGroup('pos', a.topic, a.group)}.${a.partition}`;
  const wake = new Wakeup();
  let buffer: JsMsg[] = [];
  let inflight: JsMsg[] = [];
  let lastSeq = 0;
  let expectDelivery = 1;
  let broken = false;
  let generation = 0;
  let messages: ConsumerMessages | undefined;

  async function positioned(): Promise<ConsumerInfo> {
    let info: ConsumerInfo | null = await a.jsm.consumers.info(stream, durable).catch((err) => {
      if (isApiError(err, JetStreamApiCodes.ConsumerNotFound)) return null;
      throw err;
    });
    if (info && (info.num_ack_pending > 0 || info.delivered.consumer_seq > info.ack_floor.consumer_seq)) {
      const resumeFrom = Math.max(info.ack_floor.stream_seq + 1, info.config.opt_start_seq ?? 1);
      await a.js.publish(posSubject, JSON.stringify({ resumeFrom }));
      await a.jsm.consumers.delete(stream, durable);
      info = null;
    }
    if (info) return info;
    const saved = await a.jsm.streams.getMessage(a.names.ctlStream, { last_by_subj: posSubject });
    const resumeFrom = saved?.json<{ resumeFrom: number }>().resumeFrom;
    return await a.jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.All,
      ...(resumeFrom
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: resumeFrom }
        : { deliver_policy: DeliverPolicy.All }),
      filter_subject: a.names.partitionSubject(a.topic, a.partition),
      ack_wait: nanos(a.ackWaitMs),
      max_ack_pending: MAX_ACK_PENDING,
      max_deliver: -1,
    });
  }

  function onMessage(m: JsMsg): void {
    const d = m.info.deliverySequence;
    if (d > expectDelivery) {
      broken = true; // something was lost in transit: restart from the committed position
    } else if (d === expectDelivery) {
      expectDelivery++;
      if (m.seq > lastSeq) {
        lastSeq = m.seq;
        buffer.push(m);
      }
    } // d < expectDelivery: a redelivery of a message we hold or handled already
    wake.notify();
  }

  async function start(): Promise<void> {
    const gen = ++generation;
    broken = true; // until the new consumer runs
    await messages?.close();
    messages = undefined;
    buffer = [];
    inflight = [];
    lastSeq = 0;
    const info = await positioned();
    expectDelivery = info.delivered.consumer_seq + 1;
    broken = false;
    const consumer = a.js.consumers.getConsumerFromInfo(info);
    messages = await consumer.consume({
      max_messages: Math.min(MAX_ACK_PENDING, Math.max(100, a.batchSize * 2)),
      callback: (m) => {
        if (gen === generation) onMessage(m);
      },
    });
    const restart = () => {
      if (gen !== generation) return;
      broken = true;
      wake.notify();
    };
    void messages.closed().then(restart, restart);
    // The client keeps pulling from a consumer that is gone (deleted, or lost by a server
    // that restarted without it) and gets nothing: recreate it at the committed position.
    void (async () => {
      for await (const s of messages.status()) {
        if (gen !== generation) return;
        if (s.type === 'consumer_deleted' || s.type === 'consumer_not_found' || s.type === 'stream_not_found')
          return restart();
      }
    })().catch(restart);
  }

  await start();

  const commit = async (record: LogRecord): Promise<void> => {
    const msg = inflight.find((m) => m.seq === record.offset);
    if (!msg) throw new Error(`commit of offset ${record.offset} that is not in flight`);
    if (!(await msg.ackAck({ timeout: 5000 })))
      throw new Error(`ack of offset ${record.offset} not confirmed`);
    inflight = inflight.filter((m) => m.seq > record.offset);
  };

  return {
    async fetch(max, signal) {
      while (!signal.aborted) {
        if (broken) {
          await start();
          continue;
        }
        if (buffer.length > 0) {
          const batch = buffer.splice(0, max);
          inflight.push(...batch);
          return batch.map((m) => toLogRecord(a.topic, a.partition, m));
        }
        const v = wake.version;
        if (buffer.length > 0 || broken) continue;
        await wake.waitChange(v, 5000, signal);
      }
      return [];
    },
    commit,
    async rewind() {
      // The consumer is recreated at the ack floor by the next fetch (see positioned()).
      broken = true;
      wake.notify();
    },
    async deadLetter(record, error, attempts) {
      await publishDeadLetter(a.js, a.names, a.group, record, error, attempts);
      await commit(record);
    },
    async close() {
      generation++;
      buffer = [];
      await messages?.close();
    },
  };
}
