import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger.ts';
import { withoutRequestId } from '../observability/request-context.ts';
import type { Cache } from '../ports/cache.ts';
import type { AppendRecord, EventLog } from '../ports/event-log.ts';
import type { SqlDatabase } from '../ports/sql.ts';

/** A service's outbox table and how its rows become log records. */
export interface OutboxTable<Row extends { id: number }> {
  /** The topic the rows are appended to. */
  readonly topic: string;
  /** What the rows are, in log lines (`user events`). */
  readonly what: string;
  /** The cache key of the relay lease (one relay appends at a time across nodes). */
  readonly leaseKey: string;
  /** SQL, $1 limit: the oldest rows, in id order. */
  readonly next: string;
  /** SQL, $1 ids: rows whose append is durable. */
  readonly delete: string;
  /** SQL: rows waiting (`n`) and the age of the oldest in seconds (`age`). */
  readonly backlog: string;
  /** The ordering key: rows of one key are appended one at a time, in id order. */
  keyOf(row: Row): string;
  toRecord(row: Row): AppendRecord;
}

export interface OutboxRelayOptions<Row extends { id: number }> {
  table: OutboxTable<Row>;
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

/**
 * Appends the rows of a service's outbox to the event log in id order, deleting them once the
 * append is durable: at-least-once, in per-key order (a key's rows get ids in the order of the
 * changes, and the log keeps the order of a key). A failed append leaves the rows where they
 * are for the next run; nothing is ever dropped.
 *
 * No transaction is held across the append: the embedded log lives in the same PGlite database
 * and appends in a transaction of its own on its one connection. Several nodes may relay the
 * same rows at once; the log drops a record id it saw within its de-duplication window and
 * consumers are idempotent.
 */
export function createOutboxRelay<Row extends { id: number }>(opts: OutboxRelayOptions<Row>): OutboxRelay {
  const { db, log, logger, cache, table } = opts;
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
    topic ??= log.ensureTopic(table.topic).catch((err: unknown) => {
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
    if (await cache.set(table.leaseKey, owner, { ttlMs: LEASE_MS, ifAbsent: true })) return true;
    if ((await cache.get(table.leaseKey)) !== owner) return false;
    await cache.expire(table.leaseKey, LEASE_MS);
    return true;
  }

  /** Relays batches until the outbox is empty or another node holds the lease; false on failure. */
  async function pass(): Promise<boolean> {
    let batch = 0;
    try {
      await ready();
      while (!stopped && (await holdLease())) {
        const { rows } = await db.query<Row>(table.next, [batchSize]);
        if (rows.length === 0) break;
        // One row per key per append: the log may write a batch's records in parallel, and a
        // key's later event must never land while an earlier one failed.
        const next = firstOfEachKey(rows, table.keyOf);
        batch = next.length;
        await log.append(table.topic, next.map(table.toRecord));
        await db.query(table.delete, [next.map((r) => r.id)]);
        if (rows.length < batchSize && next.length === rows.length) break;
      }
    } catch (err) {
      const at = now();
      failingSince ??= at;
      if (at - lastWarning >= warnEveryMs) {
        lastWarning = at;
        logger.warn(
          { err, batch, failingForMs: at - failingSince },
          `${table.what} not relayed yet (kept in the outbox, retrying)`,
        );
      }
      return false;
    }
    if (failingSince !== undefined) {
      logger.info({ failedForMs: now() - failingSince }, `${table.what} relayed again`);
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
      const { rows } = await db.query<{ n: number; age: number }>(table.backlog);
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
      if ((await cache.get(table.leaseKey).catch(() => null)) === owner)
        await cache.del(table.leaseKey).catch(() => 0);
    },
  };
}

const LEASE_MS = 10_000;

/** The first row of each key, in id order (a key's later rows wait for the next batch). */
function firstOfEachKey<Row>(rows: readonly Row[], keyOf: (row: Row) => string): Row[] {
  const keys = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}
