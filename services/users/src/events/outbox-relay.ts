import { USERS_EVENTS_TOPIC } from '@chat/contracts';
import type { EventLog, Logger, SqlDatabase } from '@chat/platform';
import { type StoredUserEvent, toLogRecord } from './user-event.ts';

export interface OutboxRelayOptions {
  db: SqlDatabase;
  log: EventLog;
  logger: Logger;
  /** How often the outbox is looked at without a kick (rows of a failed append, of a dead node). */
  intervalMs?: number;
  /** Most rows appended at once. */
  batchSize?: number;
  /** While appends keep failing, at most one warning per this long. */
  warnEveryMs?: number;
  now?: () => number;
}

export interface OutboxRelay {
  /** Makes sure the topic exists, relays what earlier runs left, starts the timer. */
  start(): Promise<void>;
  /**
   * Relays soon (after a commit that recorded events). Runs coalesce: at most one at a time, and
   * a kick during a run makes one more run. Resolves when the run that covers this kick ended
   * (successfully or not); never rejects.
   */
  kick(): Promise<void>;
  /** Waits for a running pass, then relays once: the outbox as committed at the call. */
  flush(): Promise<void>;
  /** Rows waiting in the outbox (all nodes'). */
  pending(): Promise<number>;
  /** Stops the timer and further kicks; waits for a running pass. */
  stop(): Promise<void>;
}

interface OutboxRow extends StoredUserEvent {
  id: number;
}

/**
 * Appends the rows of users.outbox to the event log in id order, deleting them once the append
 * is durable: at-least-once, in per-user order (a user's rows get ids in the order of the
 * changes, see UserTransaction.recordEvent, and the log keeps the order of a key). A failed
 * append leaves the rows where they are for the next run; nothing is ever dropped.
 *
 * No transaction is held across the append: the embedded log lives in the same PGlite database
 * and appends in a transaction of its own on its one connection. Several nodes may relay the
 * same rows at once; the log drops a record id it saw within its de-duplication window and
 * consumers are idempotent.
 */
export function createOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const { db, log, logger } = opts;
  const intervalMs = opts.intervalMs ?? 1000;
  const batchSize = opts.batchSize ?? 100;
  const warnEveryMs = opts.warnEveryMs ?? 60_000;
  const now = opts.now ?? Date.now;

  let topic: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let requested = false;
  let failingSince: number | undefined;
  let lastWarning = Number.NEGATIVE_INFINITY;

  const ready = async (): Promise<void> => {
    topic ??= log.ensureTopic(USERS_EVENTS_TOPIC).catch((err: unknown) => {
      topic = undefined;
      throw err;
    });
    await topic;
  };

  /** Relays batches until the outbox is empty; false when something failed. */
  async function pass(): Promise<boolean> {
    let batch = 0;
    try {
      await ready();
      while (!stopped) {
        const { rows } = await db.query<OutboxRow>(
          'select id, event_id, user_id, type, payload from users.outbox order by id limit $1',
          [batchSize],
        );
        batch = rows.length;
        if (rows.length === 0) break;
        await log.append(USERS_EVENTS_TOPIC, rows.map(toLogRecord));
        await db.query('delete from users.outbox where id = any($1::bigint[])', [rows.map((r) => r.id)]);
        if (rows.length < batchSize) break;
      }
    } catch (err) {
      const at = now();
      failingSince ??= at;
      if (at - lastWarning >= warnEveryMs) {
        lastWarning = at;
        logger.warn(
          { err, batch, failingForMs: at - failingSince },
          'user events not relayed yet (kept in the outbox, retrying)',
        );
      }
      return false;
    }
    if (failingSince !== undefined) {
      logger.info({ failedForMs: now() - failingSince }, 'user events relayed again');
      failingSince = undefined;
      lastWarning = Number.NEGATIVE_INFINITY;
    }
    return true;
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    requested = true;
    running ??= (async () => {
      try {
        while (requested && !stopped) {
          requested = false;
          // After a failure the timer retries, so a failing log is not hammered per commit.
          if (!(await pass())) break;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  async function settle(): Promise<void> {
    while (running) await running;
  }

  return {
    async start() {
      stopped = false;
      await ready();
      timer ??= setInterval(() => void kick(), intervalMs);
      timer.unref();
      void kick();
    },
    kick,
    async flush() {
      await settle();
      await kick();
    },
    async pending() {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from users.outbox');
      return rows[0]?.n ?? 0;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await settle();
    },
  };
}
