import type { SqlExecutor } from '@chat/platform';
import type { TObject } from '@sinclair/typebox';

/** What a missed fire (no node was running at its time) gets when a node next looks. */
export type MissedFirePolicy = 'run-once' | 'skip';

export interface JobSchedule {
  /** Cron pattern (5 fields, or 6 with seconds), read in `timezone`. */
  readonly cron: string;
  /** IANA time zone of the pattern; default the service's (BATCH_TIMEZONE, Asia/Seoul). */
  readonly timezone?: string;
  /**
   * `run-once`: the latest missed fire runs once when a node is back (older ones are not
   * enumerated); `skip`: it is recorded as skipped. Default `run-once`.
   */
  readonly missed?: MissedFirePolicy;
}

export type LogLevel = 'info' | 'warn' | 'error';

/** What a step sees while it runs. */
export interface StepContext<P> {
  readonly executionId: number;
  readonly params: P;
  /** The fire this run is for (scheduled runs), else when it was requested. */
  readonly scheduledFor: Date;
  /** The job's time zone (its schedule's, else BATCH_TIMEZONE): what a day means to it. */
  readonly timezone: string;
  /** Aborted when the run times out, loses its lease, or the node stops. */
  readonly signal: AbortSignal;
  log(level: LogLevel, message: string): Promise<void>;
}

/** One chunk read: the items, and where the next read starts (null: nothing more). */
export interface ChunkRead<Item, Cursor> {
  readonly items: readonly Item[];
  readonly next: Cursor | null;
  /** Source records the chunk covers (progress, read count); default `items.length`. */
  readonly covers?: number;
}

/**
 * A restartable chunked step: read a chunk from `cursor`, write it; the writes and the next
 * cursor (the checkpoint) commit in one transaction of the batch database, so a run killed
 * mid-way resumes after the last committed chunk and never writes a committed chunk twice.
 * Reads must be repeatable from a cursor (keyset pagination).
 */
export interface ChunkStep<P, Item, Cursor> {
  readonly kind: 'chunk';
  readonly name: string;
  readonly chunkSize: number;
  /** Items the step will read (progress); undefined when unknown. Asked once, at its start. */
  total?(ctx: StepContext<P>): Promise<number | undefined>;
  read(ctx: StepContext<P>, cursor: Cursor | null, size: number): Promise<ChunkRead<Item, Cursor>>;
  /**
   * Writes the chunk in the transaction that commits its checkpoint; returns how many items it
   * wrote and skipped (by default all written).
   */
  write(
    tx: SqlExecutor,
    items: readonly Item[],
    ctx: StepContext<P>,
  ): Promise<{ written: number; skipped?: number } | undefined>;
}

/** A step done in one go (a report, a delete): done again whole if the run is resumed. */
export interface TaskletStep<P> {
  readonly kind: 'tasklet';
  readonly name: string;
  /**
   * Its work is in the batch database: it runs inside the transaction that first checks this
   * node still holds the run (`tx`), so a node that lost the run cannot undo the next one's
   * work. Keep it short (PGlite serialises everything behind an open transaction).
   */
  readonly transactional?: boolean;
  run(
    ctx: StepContext<P>,
    tx?: SqlExecutor,
  ): Promise<{ read?: number; written?: number; skipped?: number } | undefined>;
}

// biome-ignore lint/suspicious/noExplicitAny: a job's steps have their own item and cursor types
export type Step<P> = ChunkStep<P, any, any> | TaskletStep<P>;

/** A job, defined in code: what it does, when, and how it may be run. */
export interface JobDefinition<P = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  /** Undefined: run on demand only. */
  readonly schedule?: JobSchedule;
  /** A run going longer fails ("timed out"). */
  readonly timeoutMs: number;
  /** Failed runs are tried again (from their checkpoints) up to `attempts` times in all. */
  readonly retry?: { readonly attempts: number; readonly backoffMs: number };
  /** Runs of this job may overlap (default: a fire while one is active is skipped). */
  readonly allowOverlap?: boolean;
  /** Parameters (TypeBox, with defaults): validated on run-now and before each run. */
  readonly params: TObject;
  /** What the schema cannot say (a real calendar day): the problem as `field: reason`, or undefined. */
  check?(params: P): string | undefined;
  /**
   * Parameters of a scheduled run, from its fire time; a run asked for now gets these (as if
   * fired now) under the ones it names.
   */
  scheduledParams?(fire: Date, timezone: string): Partial<P>;
  readonly steps: readonly Step<P>[];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds jobs of any parameter type
export type AnyJob = JobDefinition<any>;
