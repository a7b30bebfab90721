import type { ChatMessage, MessageCommand } from '@chat/contracts';
import {
  type Consumer,
  type EventLog,
  isDependencyFailure,
  type Logger,
  type LogRecord,
  PermanentError,
} from '@chat/platform';
import type { ChatMetrics } from '../metrics.ts';
import type { RoomBroadcaster } from '../realtime/broadcaster.ts';
import type { MessageRepository } from './message.repository.ts';
import { decodeCommand, MESSAGES_TOPIC, PERSIST_GROUP } from './message-log.ts';
import { createGroupPersister } from './persist-group.ts';

/**
 * Steps 3 and 4 of the pipeline: the persistence consumer group stores each batch in one
 * transaction (idempotent on messageKey, gapless seq), then broadcasts what it stored to every
 * chat node, then lets the log commit. A crash anywhere before the commit replays the batch:
 * the rows are found, not duplicated, and broadcast again (receivers drop seqs they have).
 * While pub/sub is down the broadcast is skipped rather than retried into the dead-letter
 * stream: the messages are stored, and clients catch up from history (`afterSeq`).
 */
export function createPersistConsumer(deps: {
  log: EventLog;
  messages: MessageRepository;
  broadcaster: RoomBroadcaster;
  metrics: ChatMetrics;
  logger: Logger;
  batchSize?: number;
  /** After the batch committed, before the broadcast (e.g. invalidate cached room lists). */
  afterCommit?: (messages: readonly ChatMessage[]) => Promise<void>;
}) {
  let consumer: Consumer | undefined;
  const persist = createGroupPersister(deps.messages, deps.afterCommit ?? (async () => undefined));

  async function handle(records: readonly LogRecord[]): Promise<void> {
    const end = deps.metrics.consumeDuration.startTimer();
    const commands = records.map(decodePermanently);
    const result = await persist(commands);
    for (const c of result.dropped) {
      deps.logger.warn({ roomId: c.roomId, messageKey: c.messageKey }, 'message for a deleted room dropped');
    }
    await deps.broadcaster.publishMessages(result.messages).catch((err: unknown) => {
      if (!isDependencyFailure(err)) throw err;
      deps.logger.warn(
        { err, messages: result.messages.length },
        'pub/sub unavailable: live delivery skipped',
      );
    });
    deps.metrics.consumed.inc(records.length);
    end();
  }

  return {
    async start() {
      await deps.log.ensureTopic(MESSAGES_TOPIC);
      consumer = await deps.log.consume(MESSAGES_TOPIC, PERSIST_GROUP, handle, {
        batchSize: deps.batchSize ?? 500,
        maxAttempts: 5,
        onRetry: (batch, error, attempt) =>
          deps.logger.warn(
            { err: error, records: batch.length, attempt },
            'persisting messages failed, retrying',
          ),
        onDeadLetter: (record, error) => {
          deps.metrics.deadLettered.inc();
          deps.logger.error(
            { err: error, partition: record.partition, offset: record.offset },
            'message dead-lettered',
          );
        },
      });
    },
    async stop() {
      await consumer?.stop();
    },
  };
}

/** A record that does not decode never will: dead-lettered after one attempt, not retried. */
function decodePermanently(record: LogRecord): MessageCommand {
  try {
    return decodeCommand(record);
  } catch (err) {
    throw new PermanentError((err as Error).message, { cause: err });
  }
}
