import { BATCH_EVENTS_TOPIC, type BatchEvent } from '@chat/contracts';
import type { EventLog, Logger } from '@chat/platform';
import type { ExecutionRow } from '../store/batch.repository.ts';
import type { RunObserver } from './batch-engine.ts';

/**
 * `JobFinished` / `JobFailed` on the log when a run ends, keyed by job. The run's row is the
 * record of truth (the admin API and the alert read it), so an event lost while the log is down
 * is logged and not retried; its id (`execution-<id>-<attempt>`) keeps a retried append single.
 */
export function batchEvents(log: EventLog, logger: Logger): RunObserver {
  let topic: Promise<unknown> | undefined;
  return {
    ended(row: ExecutionRow, durationMs: number) {
      const base = {
        eventId: `execution-${row.id}-${row.attempt}`,
        occurredAt: Date.now(),
        executionId: Number(row.id),
        job: row.job,
        trigger: row.trigger,
        attempt: row.attempt,
        durationMs: Math.round(durationMs),
        counts: {
          read: Number(row.read_count),
          written: Number(row.write_count),
          skipped: Number(row.skip_count),
        },
      };
      const event: BatchEvent =
        row.status === 'completed'
          ? { type: 'JobFinished', ...base }
          : { type: 'JobFailed', ...base, error: row.error ?? 'failed' };
      topic ??= log.ensureTopic(BATCH_EVENTS_TOPIC);
      topic
        .then(() =>
          log.append(BATCH_EVENTS_TOPIC, [
            { key: row.job, value: JSON.stringify(event), id: event.eventId, headers: { type: event.type } },
          ]),
        )
        .catch((err: unknown) => {
          topic = undefined;
          logger.warn({ err, executionId: row.id }, `batch ${event.type} event not appended`);
        });
    },
  };
}
