import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { DeadLetter, LogRecord } from '../../ports/event-log.ts';
import type { NatsNames } from './names.ts';
import { decodeKey, decodeUserHeaders, encodeRecordHeaders, H } from './record-codec.ts';

/** Stores a dead letter: the original value as payload, where it came from in headers. */
export async function publishDeadLetter(
  js: JetStreamClient,
  names: NatsNames,
  group: string,
  record: LogRecord,
  error: string,
  attempts: number,
): Promise<void> {
  const h = encodeRecordHeaders(record);
  h.set(H.topic, encodeURIComponent(record.topic));
  h.set(H.group, encodeURIComponent(group));
  h.set(H.partition, String(record.partition));
  h.set(H.offset, String(record.offset));
  h.set(H.error, encodeURIComponent(error.slice(0, 2000)));
  h.set(H.attempts, String(attempts));
  h.set(H.timestamp, String(record.timestamp));
  await js.publish(names.dlqSubject(record.topic, group), record.value, { headers: h });
}

function toDeadLetter(m: StoredMsg, topic: string, group: string): DeadLetter {
  const h = m.header;
  return {
    id: String(m.seq),
    topic,
    group,
    partition: Number(h.get(H.partition)),
    offset: Number(h.get(H.offset)),
    key: decodeKey(h),
    value: m.data,
    headers: decodeUserHeaders(h),
    error: decodeURIComponent(h.get(H.error)),
    attempts: Number(h.get(H.attempts)),
    deadAt: m.time.getTime(),
  };
}

/** Dead letters of a group, oldest first, read with direct gets (`next_by_subj`). */
export async function listDeadLetters(
  jsm: JetStreamManager,
  names: NatsNames,
  topic: string,
  group: string,
  limit: number,
): Promise<DeadLetter[]> {
  const subject = names.dlqSubject(topic, group);
  const out: DeadLetter[] = [];
  let seq = 0;
  while (out.length < limit) {
    const m = await jsm.direct.getMessage(names.dlqStream, { seq: seq + 1, next_by_subj: subject });
    if (!m) break;
    out.push(toDeadLetter(m, topic, group));
    seq = m.seq;
  }
  return out;
}

/** One dead letter by id, or null when it is gone or belongs to another group. */
export async function getDeadLetter(
  jsm: JetStreamManager,
  names: NatsNames,
  topic: string,
  group: string,
  id: string,
): Promise<DeadLetter | null> {
  const seq = Number(id);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  const m = await jsm.direct.getMessage(names.dlqStream, { seq });
  return m && m.subject === names.dlqSubject(topic, group) ? toDeadLetter(m, topic, group) : null;
}

/**
 * Every (topic, group) holding dead letters: the DLQ stream's subjects with their counts, each
 * named by its first message's headers (subjects flatten names, the headers keep them).
 */
export async function listDeadLetterGroups(
  jsm: JetStreamManager,
  names: NatsNames,
): Promise<{ topic: string; group: string; count: number }[]> {
  const info = await jsm.streams.info(names.dlqStream, { subjects_filter: `${names.prefix}.dlq.>` });
  const out: { topic: string; group: string; count: number }[] = [];
  for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
    if (count === 0) continue;
    const m = await jsm.direct.getMessage(names.dlqStream, { seq: 1, next_by_subj: subject });
    if (!m) continue;
    out.push({
      topic: decodeURIComponent(m.header.get(H.topic)),
      group: decodeURIComponent(m.header.get(H.group)),
      count,
    });
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.group.localeCompare(b.group));
}
