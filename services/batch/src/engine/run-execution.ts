import type { Logger } from '@chat/platform';
import type { AnyJob, ChunkStep, LogLevel, StepContext, TaskletStep } from '../jobs/job.ts';
import type { BatchRepository, ClaimedRow } from '../store/batch.repository.ts';

/** Why a run stopped before its end. */
export class RunInterrupted extends Error {
  constructor(
    readonly reason: 'lease-lost' | 'stopping' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'RunInterrupted';
  }
}

/** A chunked step's checkpoint: the cursor its next read starts from (null: all read). */
interface Checkpoint {
  readonly cursor: unknown;
}

export interface RunDeps {
  readonly repo: BatchRepository;
  readonly owner: string;
  readonly logger: Logger;
  /** A line of the run's log, under a step's name. */
  log(level: LogLevel, message: string, step: string): Promise<void>;
}

/**
 * Runs a claimed execution's steps in order, resuming each from what is committed: completed
 * steps are passed over, a chunked step reads on from its checkpoint. Each chunk's writes and
 * its checkpoint commit in one transaction that first checks this node still holds the run
 * (the fence), so a node that lost its lease cannot commit after the one that took over.
 */
export async function runSteps(
  deps: RunDeps,
  job: AnyJob,
  row: ClaimedRow,
  ctx: StepContext<Record<string, unknown>>,
): Promise<void> {
  const { repo } = deps;
  const done = new Map((await repo.steps(row.id)).map((s) => [s.position, s]));
  for (const [position, step] of job.steps.entries()) {
    const before = done.get(position);
    if (before?.status === 'completed') continue;
    throwIfAborted(ctx.signal);
    const checkpoint = before?.checkpoint as Checkpoint | null | undefined;
    const resumed = before !== undefined;
    const total = resumed || step.kind === 'tasklet' ? (before?.total ?? null) : await totalOf(step, ctx);
    const stepRow = await repo.startStep(row.id, position, step.name, total);
    const stepCtx = {
      ...ctx,
      log: (level: LogLevel, message: string) => deps.log(level, message, step.name),
    };
    if (resumed) {
      await stepCtx.log('info', `resumed after ${stepRow.done} items (${describe(checkpoint)})`);
    }
    try {
      if (step.kind === 'chunk') await runChunks(deps, row.id, position, step, stepCtx, checkpoint ?? null);
      else await runTasklet(deps, row.id, position, step, stepCtx);
    } catch (err) {
      if (!(err instanceof RunInterrupted)) await repo.endStep(row.id, position, 'failed', deps.owner);
      throw err;
    }
    await repo.endStep(row.id, position, 'completed', deps.owner);
  }
}

async function totalOf(
  step: ChunkStep<unknown, unknown, unknown>,
  ctx: StepContext<Record<string, unknown>>,
): Promise<number | null> {
  const n = await step.total?.(ctx);
  return n === undefined ? null : n;
}

function describe(checkpoint: Checkpoint | null | undefined): string {
  if (!checkpoint) return 'no checkpoint';
  return `checkpoint ${JSON.stringify(checkpoint.cursor)}`;
}

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const reason = signal.reason;
  throw reason instanceof RunInterrupted ? reason : new RunInterrupted('stopping', String(reason));
}

async function runChunks(
  deps: RunDeps,
  executionId: number,
  position: number,
  step: ChunkStep<unknown, unknown, unknown>,
  ctx: StepContext<Record<string, unknown>>,
  checkpoint: Checkpoint | null,
): Promise<void> {
  // A checkpoint whose cursor is null: the last chunk committed, the step only needs closing.
  if (checkpoint && checkpoint.cursor === null) return;
  let cursor: unknown = checkpoint?.cursor ?? null;
  for (;;) {
    throwIfAborted(ctx.signal);
    const chunk = await step.read(ctx, cursor, step.chunkSize);
    throwIfAborted(ctx.signal);
    await deps.repo.db.transaction(async (tx) => {
      if (!(await deps.repo.fence(tx, executionId, deps.owner))) {
        throw new RunInterrupted('lease-lost', 'another node holds this run now');
      }
      const out = chunk.items.length > 0 ? await step.write(tx, chunk.items, ctx) : undefined;
      const written = out?.written ?? chunk.items.length;
      await deps.repo.commitChunk(tx, executionId, position, { cursor: chunk.next } satisfies Checkpoint, {
        read: chunk.covers ?? chunk.items.length,
        written,
        skipped: out?.skipped ?? 0,
      });
    });
    if (chunk.next === null) return;
    cursor = chunk.next;
  }
}

async function runTasklet(
  deps: RunDeps,
  executionId: number,
  position: number,
  step: TaskletStep<unknown>,
  ctx: StepContext<Record<string, unknown>>,
): Promise<void> {
  // A transactional tasklet does its work inside the fence (nothing if another node has the
  // run); any other one first, then records its counts fenced.
  let out: Awaited<ReturnType<typeof step.run>>;
  if (!step.transactional) out = await step.run(ctx);
  await deps.repo.db.transaction(async (tx) => {
    if (!(await deps.repo.fence(tx, executionId, deps.owner))) {
      throw new RunInterrupted('lease-lost', 'another node holds this run now');
    }
    if (step.transactional) out = await step.run(ctx, tx);
    await deps.repo.commitChunk(tx, executionId, position, null, {
      read: out?.read ?? 0,
      written: out?.written ?? 0,
      skipped: out?.skipped ?? 0,
    });
  });
}
