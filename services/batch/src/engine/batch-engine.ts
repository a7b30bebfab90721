import { randomUUID } from 'node:crypto';
import { Errors, type Logger } from '@chat/platform';
import { Value } from '@sinclair/typebox/value';
import type { AnyJob, StepContext } from '../jobs/job.ts';
import type { Fires } from '../schedule/cron.ts';
import type { BatchRepository, ClaimedRow, ExecutionRow, Trigger } from '../store/batch.repository.ts';
import { RunInterrupted, runSteps } from './run-execution.ts';

/** A run taken over this many times after its node died is failed instead of taken again. */
const MAX_TAKEOVERS = 3;

/** The node of a claim token (`<node>#<n>`). */
function nodeOf(token: string | null): string {
  return token ? token.split('#')[0]! : 'unknown';
}

/** A job as the engine runs it: its definition and its parsed schedule. */
export interface RegisteredJob {
  readonly def: AnyJob;
  readonly fires: Fires | undefined;
  /** The time zone of its schedule (and of its parameters' days), scheduled or not. */
  readonly timezone: string;
  readonly missed: 'run-once' | 'skip';
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
}

/** What the engine tells the outside about runs (metrics, events). */
export interface RunObserver {
  started?(row: ExecutionRow): void;
  ended?(row: ExecutionRow, durationMs: number): void;
}

export interface BatchEngineOptions {
  readonly repo: BatchRepository;
  readonly jobs: ReadonlyMap<string, RegisteredJob>;
  readonly logger: Logger;
  /** A run's lease: a node that stops renewing it (killed) loses the run this long after. */
  readonly leaseMs: number;
  /** How often a node looks for due fires and runs to take. */
  readonly pollMs: number;
  /** Runs one node executes at once. */
  readonly workers: number;
  /**
   * A fire is on time while no more than this has passed since it (a node that looks later
   * treats it as missed, by the job's policy).
   */
  readonly graceMs?: number;
  readonly observer?: RunObserver;
  readonly now?: () => Date;
  /** How long stop() waits for runs to notice it (default 10 s). */
  readonly stopWaitMs?: number;
}

/**
 * The scheduler and the executor of one node. Every node runs both; PostgreSQL decides:
 * - a fire is claimed by inserting its run (unique per job and fire time), so exactly one node
 *   enqueues it; a job that may not overlap has one active run at most (a unique index);
 * - a queued run is taken with SKIP LOCKED and leased; the lease is renewed while it runs and
 *   a run whose lease ran out (its node died) is taken by another node, which resumes it from
 *   its committed checkpoints.
 */
export function createBatchEngine(opts: BatchEngineOptions) {
  const { repo, jobs, logger } = opts;
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const now = opts.now ?? (() => new Date());
  const graceMs = opts.graceMs ?? Math.max(60_000, opts.pollMs * 3);
  const names = [...jobs.keys()];
  const scheduled = [...jobs.values()].filter((j) => j.fires);
  /** The latest fire each scheduled job had handled on this node (not asked again). */
  const handled = new Map<string, number>();
  const active = new Map<number, { abort: AbortController; done: Promise<void>; token: string }>();
  let loop: Promise<void> | undefined;
  let stopping = false;
  let claims = 0;
  let wake: (() => void) | undefined;

  function laneOf(job: RegisteredJob): string {
    return job.def.allowOverlap ? randomUUID() : '';
  }

  /** Enqueues each scheduled job's latest fire that no node has recorded yet. */
  async function fireDue(): Promise<void> {
    const at = now();
    // Between fires nothing is asked of the database: only a fire this node has not handled yet.
    const due = scheduled
      .map((job) => ({ job, fire: job.fires!.latest(at) }))
      .filter(({ job, fire }) => fire && (handled.get(job.def.name) ?? 0) < fire.getTime());
    if (due.length === 0) return;
    const states = await repo.schedules();
    for (const { job, fire } of due) {
      const name = job.def.name;
      const state = states.get(name);
      // A fire while paused or before the schedule counted is passed over for good (resuming
      // moves `since`, so it never becomes due).
      if (!state || state.paused || fire! < state.since) {
        handled.set(name, fire!.getTime());
        continue;
      }
      try {
        await claimFire(job, fire!, at);
        handled.set(name, fire!.getTime());
      } catch (err) {
        // The next poll tries this fire again; the other jobs' fires go on.
        logger.warn({ err, job: name }, 'batch fire not recorded');
      }
    }
  }

  /** Enqueues one fire, or records it as skipped; nothing when another node recorded it. */
  async function claimFire(job: RegisteredJob, fire: Date, at: Date): Promise<void> {
    const name = job.def.name;
    const late = at.getTime() - fire.getTime() > graceMs;
    if (late && (await repo.fireRecorded(name, fire))) return;
    const trigger: Trigger = late ? 'missed' : 'schedule';
    const params = paramsFor(job, fire);
    if (late && job.missed === 'skip') {
      await repo.recordSkipped(
        { job: name, trigger, scheduledFor: fire, params },
        'missed: no node was running at its time (policy: skip)',
      );
      return;
    }
    const row = await repo.enqueue({
      job: name,
      trigger,
      scheduledFor: fire,
      params,
      lane: laneOf(job),
      requestedBy: null,
    });
    if (row) {
      logger.info({ job: name, executionId: row.id, fire, trigger }, 'batch fire enqueued');
      return;
    }
    // Another node recorded the fire, or the job's previous run is still active.
    if (await repo.fireRecorded(name, fire)) return;
    const activeRun = await repo.activeRun(name, '');
    await repo.recordSkipped(
      { job: name, trigger, scheduledFor: fire, params },
      `skipped: run ${activeRun?.id ?? '?'} of this job was still active`,
    );
  }

  function paramsFor(job: RegisteredJob, fire: Date, given: unknown = {}): Record<string, unknown> {
    const base = job.def.scheduledParams?.(fire, job.timezone) ?? {};
    if (given === null || typeof given !== 'object' || Array.isArray(given)) {
      throw Errors.badRequest('body.params must be an object');
    }
    return validParams(job, { ...base, ...given });
  }

  function validParams(job: RegisteredJob, raw: unknown): Record<string, unknown> {
    const withDefaults = Value.Default(job.def.params, structuredClone(raw ?? {}));
    const errors = [...Value.Errors(job.def.params, withDefaults)];
    if (errors.length > 0) {
      const e = errors[0]!;
      throw Errors.badRequest(`body.params${e.path.replaceAll('/', '.')}: ${e.message}`);
    }
    const params = Value.Clean(job.def.params, withDefaults) as Record<string, unknown>;
    const problem = job.def.check?.(params);
    if (problem) throw Errors.badRequest(`body.params.${problem}`);
    return params;
  }

  /** Takes due runs while this node has free workers. */
  async function takeRuns(): Promise<void> {
    while (!stopping && active.size < opts.workers) {
      // A token per claim: a node whose own lease ran out (its renewals stalled) and that takes
      // the run again holds it under a new token, so the first copy is fenced out.
      const token = `${owner}#${++claims}`;
      const row = await repo.claim(token, opts.leaseMs, names, [...active.keys()]);
      if (!row) return;
      const abort = new AbortController();
      // A run that could not even record its end (the database went away) is left to its
      // lease: another node, or this one, takes it up again once the lease runs out.
      const done = execute(row, abort)
        .catch((err: unknown) =>
          logger.warn({ err, executionId: row.id }, 'batch run could not record its end'),
        )
        .finally(() => {
          active.delete(row.id);
          wake?.();
        });
      active.set(row.id, { abort, done, token });
    }
  }

  async function execute(row: ClaimedRow, abort: AbortController): Promise<void> {
    const job = jobs.get(row.job)!;
    const token = row.owner!;
    const started = performance.now();
    const log = (level: 'info' | 'warn' | 'error', message: string, step: string | null = null) =>
      repo
        .log(row.id, level, step, message)
        .catch((err: unknown) => logger.warn({ err }, 'batch log line lost'));
    opts.observer?.started?.(row);
    await log(
      'info',
      row.was === 'running'
        ? `resumed on node ${owner}: the lease of node ${nodeOf(row.previous_owner)} ran out`
        : `started on node ${owner} (attempt ${row.attempt})`,
    );
    if (row.was === 'running' && row.takeovers > MAX_TAKEOVERS) {
      // Its node died every time it ran (killed, out of memory): fail it rather than loop.
      await end(
        row,
        job,
        'failed',
        `its node stopped without giving it back ${row.takeovers} times`,
        log,
        started,
      );
      return;
    }
    const renewEvery = Math.max(50, Math.floor(opts.leaseMs / 3));
    const heartbeat = setInterval(() => {
      repo.renew(row.id, token, opts.leaseMs).then(
        (held) => {
          if (!held) abort.abort(new RunInterrupted('lease-lost', 'the lease was lost'));
        },
        (err: unknown) => logger.warn({ err, executionId: row.id }, 'batch lease renewal failed'),
      );
    }, renewEvery);
    // Past its timeout an attempt fails at once, recorded here: a step that never looks at its
    // signal (stuck on a lock, a remote call) must not keep the run "running". Not retried.
    const timeout = setTimeout(() => {
      clearInterval(heartbeat);
      const message = `timed out after ${job.def.timeoutMs} ms`;
      abort.abort(new RunInterrupted('timeout', message));
      end(row, job, 'failed', message, log, started).catch((err: unknown) =>
        logger.warn({ err, executionId: row.id }, 'batch timeout could not be recorded'),
      );
    }, job.def.timeoutMs);
    const ctx: StepContext<Record<string, unknown>> = {
      executionId: row.id,
      params: row.params,
      scheduledFor: row.scheduled_for ?? row.created_at,
      timezone: job.timezone,
      signal: abort.signal,
      log: (level, message) => log(level, message),
    };
    try {
      await runSteps(
        { repo, owner: token, logger, log: (level, message, step) => log(level, message, step) },
        job.def,
        row,
        ctx,
      );
      await end(row, job, 'completed', null, log, started);
    } catch (err) {
      await failed(row, job, err instanceof Error ? err : new Error(String(err)), log, started);
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timeout);
    }
  }

  type Log = (level: 'info' | 'warn' | 'error', message: string) => Promise<void>;

  /** Records the run's end, if this claim still holds it (else another node or the timeout did). */
  async function end(
    row: ClaimedRow,
    job: RegisteredJob,
    status: 'completed' | 'failed',
    error: string | null,
    log: Log,
    started: number,
  ): Promise<void> {
    const ended = await repo.finish(row.id, row.owner!, status, error);
    if (!ended) return;
    if (status === 'completed') {
      await log(
        'info',
        `completed: ${ended.read_count} read, ${ended.write_count} written, ${ended.skip_count} skipped`,
      );
    } else {
      await log('error', `failed: ${error}`);
      logger.warn({ executionId: row.id, job: job.def.name, error }, 'batch run failed');
    }
    opts.observer?.ended?.(ended, performance.now() - started);
  }

  async function failed(
    row: ClaimedRow,
    job: RegisteredJob,
    err: Error,
    log: Log,
    started: number,
  ): Promise<void> {
    const token = row.owner!;
    if (err instanceof RunInterrupted && err.reason === 'lease-lost') {
      logger.warn({ executionId: row.id, job: row.job }, 'batch run lost its lease; another node has it');
      return;
    }
    // Recorded by the timer already.
    if (err instanceof RunInterrupted && err.reason === 'timeout') return;
    if (err instanceof RunInterrupted && err.reason === 'stopping') {
      await repo.release(row.id, token);
      await log('info', `node ${owner} stopped: given back, to resume from its checkpoint`);
      return;
    }
    const message = err.message.slice(0, 2000);
    if (row.attempt < job.retry.attempts) {
      const again = await repo.retryLater(row.id, token, message, job.retry.backoffMs);
      if (again) {
        await log(
          'warn',
          `attempt ${row.attempt} failed: ${message}; again in ${job.retry.backoffMs} ms from the checkpoint`,
        );
        return;
      }
    }
    await end(row, job, 'failed', message, log, started);
  }

  async function tick(): Promise<void> {
    try {
      await fireDue();
    } catch (err) {
      logger.warn({ err }, 'batch scheduler could not look at its fires');
    }
    try {
      await takeRuns();
    } catch (err) {
      logger.warn({ err }, 'batch executor could not take runs');
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      await tick();
      if (stopping) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    owner,
    async start(): Promise<void> {
      await repo.ensureSchedules(scheduled.map((j) => j.def.name));
      stopping = false;
      loop = run();
    },
    /** Stops taking runs; runs in progress are given back at their next chunk (another node resumes them). */
    async stop(): Promise<void> {
      stopping = true;
      wake?.();
      const interrupt = () => {
        for (const a of active.values())
          a.abort.abort(new RunInterrupted('stopping', 'the node is stopping'));
      };
      interrupt();
      await loop;
      // A run claimed while the loop was finishing is given back too.
      interrupt();
      // Steps stop at their next chunk; one that does not look at its signal (stuck on a remote
      // call) is not waited for past `stopWaitMs`: its run is given back for another node.
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...active.values()].map((a) => a.done)),
        new Promise<void>((resolve) => {
          waited = setTimeout(resolve, opts.stopWaitMs ?? 10_000);
        }),
      ]);
      clearTimeout(waited);
      await Promise.all(
        [...active.entries()].map(([id, a]) =>
          repo
            .release(id, a.token)
            .catch((err: unknown) => logger.warn({ err, executionId: id }, 'batch run not given back')),
        ),
      );
    },
    /** Queues a run now; 409 while one is active (unless the job allows overlap). */
    async runNow(name: string, rawParams: unknown, requestedBy: number): Promise<ExecutionRow> {
      const job = jobs.get(name);
      if (!job) throw Errors.notFound(`Job ${name}`);
      const params = paramsFor(job, now(), rawParams);
      const row = await repo.enqueue({
        job: name,
        trigger: 'manual',
        scheduledFor: null,
        params,
        lane: laneOf(job),
        requestedBy,
      });
      if (!row) {
        const running = await repo.activeRun(name, '');
        throw Errors.conflict(
          `Job ${name} has an active run (${running?.id ?? 'just started'}); wait for it to end`,
        );
      }
      wake?.();
      return row;
    },
    async setPaused(name: string, paused: boolean) {
      const job = jobs.get(name);
      if (!job) throw Errors.notFound(`Job ${name}`);
      if (!job.fires)
        throw Errors.badRequest(`Job ${name} has no schedule to ${paused ? 'pause' : 'resume'}`);
      const row = await repo.setPaused(name, paused);
      if (!row) throw Errors.notFound(`Job ${name}`);
      if (!paused) handled.delete(name);
      return row;
    },
    /** For tests and the admin page: look at fires and runs now rather than at the next poll. */
    poke(): void {
      wake?.();
    },
    get activeRuns(): number {
      return active.size;
    },
  };
}

export type BatchEngine = ReturnType<typeof createBatchEngine>;
