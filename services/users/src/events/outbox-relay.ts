import { randomUUID } from 'node:crypto';
import { USERS_EVENTS_TOPIC } from '@chat/contracts';
import { type Cache, type EventLog, type Logger, type SqlDatabase, withoutRequestId } from '@chat/platform';
import { OUTBOX_SQL } from './outbox.queries.ts';
import { type StoredUserEvent, toLogRecord } from './user-event.ts';

export interface OutboxRelayOptions {
  db: SqlDatabase;
  log: EventLog;
  /** Holds the relay lease: one relay appends at a time across all nodes. */
  cache: Cache;
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
  /** Rows waiting in the outbox (all nodes') and the age of the oldest, in seconds. */
  backlog(): Promise<{ pending: number; oldestAgeSec: number }>;
  /** Stops the timer and further kicks; waits for a running pass, then relays once more. */
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
  const { db, log, logger, cache } = opts;
  const intervalMs = opts.intervalMs ?? 1000;
  const batchSize = opts.batchSize ?? 100;
  const warnEveryMs = opts.warnEveryMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const owner = randomUUID();

  let topic: Promise<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** Kicks (after commits) and the timer start passes only between start() and stop(). */
  let accepting = false;
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

  /**
   * The relay lease, taken or renewed before each batch: while one node's relay holds it the
   * others skip (their timers look again), so rows are not appended twice in routine and a
   * relay that stalled past the lease does not append next to the one that took over.
   */
  async function holdLease(): Promise<boolean> {
    if (await cache.set(LEASE_KEY, owner, { ttlMs: LEASE_MS, ifAbsent: true })) return true;
    if ((await cache.get(LEASE_KEY)) !== owner) return false;
    await cache.expire(LEASE_KEY, LEASE_MS);
    return true;
  }

  /** Relays batches until the outbox is empty or another node holds the lease; false on failure. */
  async function pass(): Promise<boolean> {
    let batch = 0;
    try {
      await ready();
      while (!stopped && (await holdLease())) {
        const { rows } = await db.query<OutboxRow>(OUTBOX_SQL.next, [batchSize]);
        if (rows.length === 0) break;
        // One row per user per append: the log may write a batch's records in parallel, and a
        // user's later event must never land while an earlier one failed.
        const next = firstOfEachUser(rows);
        batch = next.length;
        await log.append(USERS_EVENTS_TOPIC, next.map(toLogRecord));
        await db.query(OUTBOX_SQL.delete, [next.map((r) => r.id)]);
        if (rows.length < batchSize && next.length === rows.length) break;
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

  /**
   * Passes, coalesced: at most one at a time; a request during a pass makes one more. A pass
   * relays the rows of many requests (each row keeps its own request id in its record's
   * headers), so it runs outside the request that kicked it.
   */
  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    requested = true;
    running ??= withoutRequestId(async () => {
      try {
        while (requested && !stopped) {
          requested = false;
          // After a failure the timer retries, so a failing log is not hammered per commit.
          if (!(await pass())) break;
        }
      } finally {
        running = undefined;
      }
    });
    return running;
  }

  async function settle(): Promise<void> {
    while (running) await running;
  }

  return {
    async start() {
      stopped = false;
      accepting = true;
      await ready();
      timer ??= setInterval(() => void run(), intervalMs);
      timer.unref();
      void run();
    },
    // Before start (e.g. the admin:create command) rows wait for a server's relay.
    kick: () => (accepting ? run() : Promise.resolve()),
    async flush() {
      await settle();
      await run();
    },
    async backlog() {
      const { rows } = await db.query<{ n: number; age: number }>(OUTBOX_SQL.backlog);
      return { pending: rows[0]?.n ?? 0, oldestAgeSec: rows[0]?.age ?? 0 };
    },
    async stop() {
      accepting = false;
      if (timer) clearInterval(timer);
      timer = undefined;
      await settle();
      // What requests answered while the server drained committed: relay it now, not at the
      // next start (best effort: a failure leaves the rows for the next relay).
      await run();
      stopped = true;
      if ((await cache.get(LEASE_KEY).catch(() => null)) === owner) await cache.del(LEASE_KEY).catch(() => 0);
    },
  };
}

const LEASE_KEY = 'users:outbox:relay-lease';
const LEASE_MS = 10_000;

/** The first row of each user, in id order (a user's later rows wait for the next batch). */
function firstOfEachUser(rows: readonly OutboxRow[]): OutboxRow[] {
  const users = new Set<number>();
  return rows.filter((row) => {
    if (users.has(row.user_id)) return false;
    users.add(row.user_id);
    return true;
  });
}
