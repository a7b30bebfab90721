import { PermanentError } from '../errors/transient.ts';
import type { Logger } from '../observability/logger.ts';
import type { Consumer, EventLog, LogRecord } from '../ports/event-log.ts';
import { withRecordRequestId } from './record-request-id.ts';

export interface EventConsumerOptions<E> {
  readonly log: EventLog;
  readonly topic: string;
  readonly group: string;
  /** What the records hold, for logs and errors (`store event`). */
  readonly what: string;
  /** Parses and validates a record's value; throws on anything else. */
  readonly decode: (value: Uint8Array | string) => E;
  /** The record `type` headers to read; records of other types are skipped undecoded. Default all. */
  readonly types?: ReadonlySet<string>;
  /** Applies one event; must be idempotent (delivery is at least once). */
  readonly apply: (event: E, record: LogRecord) => Promise<void>;
  readonly logger: Logger;
  readonly batchSize?: number;
}

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A consumer group of one topic of typed events: each record decoded and applied in order,
 * under the id of the request that made the change. A record that does not decode never will:
 * it is dead-lettered at once, not retried; a failing apply is retried by the log, then
 * dead-lettered and logged.
 */
export function createEventConsumer<E>(opts: EventConsumerOptions<E>): EventConsumer {
  let consumer: Consumer | undefined;

  function decode(record: LogRecord): E {
    try {
      return opts.decode(record.value);
    } catch (err) {
      throw new PermanentError(`malformed ${opts.what}: ${(err as Error).message}`, { cause: err });
    }
  }

  async function handle(records: readonly LogRecord[]): Promise<void> {
    for (const record of records) {
      const type = record.headers.type;
      if (opts.types && type !== undefined && !opts.types.has(type)) continue;
      await withRecordRequestId(record, () => opts.apply(decode(record), record));
    }
  }

  return {
    async start() {
      await opts.log.ensureTopic(opts.topic);
      consumer = await opts.log.consume(opts.topic, opts.group, handle, {
        batchSize: opts.batchSize ?? 100,
        onDeadLetter: (record, err) =>
          opts.logger.error(
            { err, partition: record.partition, offset: record.offset, group: opts.group },
            `${opts.what} dead-lettered`,
          ),
      });
    },
    async stop() {
      await consumer?.stop();
      consumer = undefined;
    },
  };
}
