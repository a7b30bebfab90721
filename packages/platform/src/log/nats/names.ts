/** A subject token / stream-name part: anything but letters, digits, `_` and `-` becomes `_`. */
export function token(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Names of everything one event log keeps in JetStream, derived from its prefix. */
export class NatsNames {
  readonly prefix: string;

  constructor(prefix: string) {
    if (!prefix) throw new Error('nats event log: prefix must not be empty');
    this.prefix = token(prefix);
  }

  /** Topics whose stream or subjects would clash with the log's own streams. */
  static readonly reservedTopics = new Set(['dlq', 'ctl']);

  topicStream(topic: string): string {
    return `${this.prefix}_${token(topic)}`;
  }
  topicSubjects(topic: string): string {
    return `${this.prefix}.${topic}.*`;
  }
  partitionSubject(topic: string, partition: number): string {
    return `${this.prefix}.${topic}.${partition}`;
  }
  consumer(group: string, partition: number): string {
    return `${token(group)}-p${partition}`;
  }

  get dlqStream(): string {
    return `${this.prefix}_dlq`;
  }
  dlqSubject(topic: string, group: string): string {
    return `${this.prefix}.dlq.${token(topic)}.${token(group)}`;
  }

  /** Leases, heartbeats and saved positions (one message per subject). */
  get ctlStream(): string {
    return `${this.prefix}_ctl`;
  }
  ctlGroup(kind: 'm' | 'l' | 'pos', topic: string, group: string): string {
    return `${this.prefix}.ctl.${kind}.${token(topic)}.${token(group)}`;
  }
  /** Core NATS subject (not stored) on which the instances of a group nudge each other. */
  changes(topic: string, group: string): string {
    return `_evlog.${this.prefix}.${token(topic)}.${token(group)}`;
  }
}

/** Throws unless `topic` can name a stream and a subject (dot-separated words). */
export function validateTopic(topic: string): void {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(topic) || topic.length > 200) {
    throw new Error(`invalid topic name "${topic}": use letters, digits, '_', '-' and '.' between words`);
  }
  if (NatsNames.reservedTopics.has(topic)) throw new Error(`topic name "${topic}" is reserved`);
}
