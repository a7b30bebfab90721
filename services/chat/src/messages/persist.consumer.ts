import {
  type ChangeCommand,
  type ChatMessage,
  isChangeCommand,
  type LogCommand,
  type MessageChange,
  type MessageCommand,
} from '@chat/contracts';
import {
  type Consumer,
  type EventLog,
  eventLoopBusy,
  isDependencyFailure,
  type Logger,
  type LogRecord,
  PermanentError,
  withRecordRequestId,
} from '@chat/platform';
import type { ChatMetrics } from '../metrics.ts';
import type { RoomBroadcaster } from '../realtime/broadcaster.ts';
import type { ChangeWindows } from './change-rules.ts';
import { presentChange } from './message.presenter.ts';
import type { MessageRepository } from './message.repository.ts';
import type { MessageChangeRepository } from './message-changes.repository.ts';
import { decodeCommand, MESSAGES_TOPIC, PERSIST_GROUP } from './message-log.ts';
import { createGroupPersister, keyOf, type PersistedBatch, type RevealedRooms } from './persist-group.ts';

/**
 * Steps 3 and 4 of the pipeline: the persistence consumer group stores each batch in one
 * transaction (idempotent on messageKey, gapless seq), then broadcasts what it stored to every
 * chat node, then lets the log commit. A crash anywhere before the commit replays the batch:
 * the rows are found, not duplicated, and broadcast again (receivers drop seqs they have).
 * While pub/sub is down the broadcast is skipped rather than retried into the dead-letter
 * stream: the messages are stored, and clients catch up from history (`afterSeq`).
 * Change records (edit, unsend) in a batch are applied where they stand, between the runs of
 * messages around them, each in its own transaction (idempotent on its changeKey); their
 * results go out on the rooms' changes channels after the messages.
 */
export function createPersistConsumer(deps: {
  log: EventLog;
  messages: MessageRepository;
  changes: MessageChangeRepository;
  windows: ChangeWindows;
  broadcaster: RoomBroadcaster;
  metrics: ChatMetrics;
  logger: Logger;
  batchSize?: number;
  /**
   * After the batch committed, before the broadcast (e.g. invalidate cached room lists; tell
   * the members who had hidden a room that it is back). A change reveals no room.
   */
  afterCommit?: (messages: readonly ChatMessage[], revealed: RevealedRooms) => Promise<void>;
  /** New messages stored (not changes), for work beside the pipeline that must not hold it up (push). */
  onStored?: (messages: readonly ChatMessage[]) => void;
}) {
  let consumer: Consumer | undefined;
  const persist = createGroupPersister(deps.messages, deps.afterCommit ?? (async () => undefined));

  /** Stores a run of consecutive message records (group-committed with other partitions'). */
  async function storeRun(records: LogRecord[], commands: MessageCommand[]): Promise<ChatMessage[]> {
    if (commands.length === 0) return [];
    const result = await persist(commands);
    logOutcome(deps.logger, records, commands, result);
    deps.onStored?.(result.messages);
    return result.messages;
  }

  async function applyChange(record: LogRecord, c: ChangeCommand): Promise<MessageChange | undefined> {
    const outcome = await deps.changes.apply(c, deps.windows);
    if ('unchanged' in outcome) return undefined;
    if ('refused' in outcome) {
      // Accepted, then overtaken in the log (an unsend before it, the window closed while it
      // queued): the message stays as it is.
      withRecordRequestId(record, () =>
        deps.logger.info(
          { roomId: c.roomId, messageId: c.messageId, kind: c.kind, reason: outcome.refused.message },
          'message change not applied',
        ),
      );
      return undefined;
    }
    const change = presentChange(outcome.applied);
    await deps.afterCommit?.([change.message], new Map());
    return change;
  }

  async function handle(records: readonly LogRecord[]): Promise<void> {
    const end = deps.metrics.consumeDuration.startTimer();
    const commands: LogCommand[] = records.map(decodePermanently);
    const messages: ChatMessage[] = [];
    const changes: MessageChange[] = [];
    let run: { records: LogRecord[]; commands: MessageCommand[] } = { records: [], commands: [] };
    for (const [i, c] of commands.entries()) {
      const record = records[i] as LogRecord;
      if (!isChangeCommand(c)) {
        run.records.push(record);
        run.commands.push(c);
        continue;
      }
      messages.push(...(await storeRun(run.records, run.commands)));
      run = { records: [], commands: [] };
      const change = await applyChange(record, c);
      if (change) changes.push(change);
    }
    messages.push(...(await storeRun(run.records, run.commands)));
    await broadcast(messages.length, async () => {
      await deps.broadcaster.publishMessages(messages);
      await deps.broadcaster.publishChanges(changes);
    });
    deps.metrics.consumed.inc(records.length);
    end();
  }

  /** While pub/sub is down, live delivery is skipped (clients catch up), never retried. */
  async function broadcast(count: number, publish: () => Promise<void>): Promise<void> {
    await publish().catch((err: unknown) => {
      if (!isDependencyFailure(err)) throw err;
      deps.logger.warn({ err, messages: count }, 'pub/sub unavailable: live delivery skipped');
    });
  }

  return {
    async start() {
      await deps.log.ensureTopic(MESSAGES_TOPIC);
      consumer = await deps.log.consume(MESSAGES_TOPIC, PERSIST_GROUP, handle, {
        batchSize: deps.batchSize ?? 500,
        // Saturated (the event loop over 90% busy), a batch of 20 or more waits 10 ms for the
        // records appended meanwhile: the persistence statement's fixed cost (planning, the
        // push look-up, the offset commit: about 3 ms a call in PGlite) is spread over twice
        // as many messages. Embedded, +10-20% messages a second at saturation; below it, never.
        linger: { ms: 10, minRecords: 20, when: eventLoopBusy(0.9) },
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

/**
 * The lines of a handled batch, each under the request id of the record (the SEND) it is
 * about: dropped messages at warn, stored ones at debug.
 */
function logOutcome(
  logger: Logger,
  records: readonly LogRecord[],
  commands: readonly MessageCommand[],
  result: PersistedBatch,
): void {
  const debug = logger.isLevelEnabled('debug');
  if (result.dropped.length === 0 && !debug) return;
  const byKey = new Map<string, LogRecord>();
  for (const [i, c] of commands.entries()) byKey.set(keyOf(c), records[i] as LogRecord);
  const under = (m: Parameters<typeof keyOf>[0], log: () => void) => {
    const record = byKey.get(keyOf(m));
    if (record === undefined) log();
    else withRecordRequestId(record, log);
  };
  for (const c of result.dropped) {
    under(c, () =>
      logger.warn({ roomId: c.roomId, messageKey: c.messageKey }, 'message for a deleted room dropped'),
    );
  }
  if (!debug) return;
  for (const m of result.messages) {
    under(m, () =>
      logger.debug({ roomId: m.roomId, id: m.id, seq: m.seq, messageKey: m.messageKey }, 'message stored'),
    );
  }
}

/** A record that does not decode never will: dead-lettered after one attempt, not retried. */
function decodePermanently(record: LogRecord): LogCommand {
  try {
    return decodeCommand(record);
  } catch (err) {
    throw new PermanentError((err as Error).message, { cause: err });
  }
}
