import { createHash } from 'node:crypto';
import type { DeadLetter, EventLog } from '@chat/platform';
import { Type } from '@sinclair/typebox';
import type { JobDefinition } from '../job.ts';
import type { RedrivenRepository } from './redriven.repository.ts';

export interface DeadLetterSweepParams {
  /** Dead letters younger than this are left for now (an outage may still be going on). */
  minAgeMinutes: number;
}

/** Dead letters looked at per group and run. */
const PER_GROUP = 1000;
/** Kept dead letters named in the report's log line. */
const NAMED = 10;
const YEAR_MS = 365 * 86_400_000;

/** The same record dead-lettered again has the same fingerprint (its id changes with each append). */
function fingerprint(d: DeadLetter): string {
  return createHash('sha256').update(`${d.topic}\0${d.group}\0${d.key}\0`).update(d.value).digest('hex');
}

/**
 * Re-drives dead-lettered records whose cause may be fixed, and reports the rest. Every group
 * holding dead letters is looked at, whichever process consumes it (the log lists them). A dead
 * letter older than `minAgeMinutes` is re-driven once: most are left by an outage (a database,
 * a service) that has passed. One that comes back after its re-drive failed again: its cause is
 * in the record or the code, not the moment; it is reported, never re-driven by the sweep
 * again (an administrator re-drives it with `POST /api/admin/dead-letters/redrive` once fixed).
 * A re-drive appends the record to its topic again, so every group of the topic sees it once
 * more; consumers are idempotent (the event log's contract).
 */
export function deadLetterSweepJob(deps: {
  log: EventLog;
  redriven: RedrivenRepository;
}): JobDefinition<DeadLetterSweepParams> {
  return {
    name: 'dead-letter-sweep',
    description:
      'Re-drives dead-lettered records once (their cause may have passed); reports those that failed again after a re-drive',
    schedule: { cron: '*/30 * * * *', missed: 'run-once' },
    timeoutMs: 30 * 60_000,
    retry: { attempts: 2, backoffMs: 60_000 },
    params: Type.Object(
      { minAgeMinutes: Type.Integer({ minimum: 0, maximum: 10_080, default: 10 }) },
      { additionalProperties: false },
    ),
    steps: [
      {
        kind: 'tasklet',
        name: 'sweep',
        async run(ctx) {
          const olderThan = Date.now() - ctx.params.minAgeMinutes * 60_000;
          let seen = 0;
          let redriven = 0;
          const kept: string[] = [];
          let young = 0;
          for (const g of await deps.log.deadLetterGroups()) {
            const letters = await deps.log.deadLetters(g.topic, g.group, { limit: PER_GROUP });
            seen += letters.length;
            const old = letters.filter((d) => d.deadAt <= olderThan);
            young += letters.length - old.length;
            const prints = old.map(fingerprint);
            const before = await deps.redriven.seen(prints);
            const again = old.filter((_, i) => !before.has(prints[i]!));
            for (const d of old.filter((_, i) => before.has(prints[i]!))) {
              kept.push(`${d.topic}/${d.group} #${d.id} (key ${d.key}): ${d.error}`);
            }
            if (again.length === 0) continue;
            // Remembered first: a crash between the two leaves a record re-driven at most once.
            await deps.redriven.remember(again.map(fingerprint), g.topic, g.group, ctx.executionId);
            redriven += await deps.log.redrive(
              g.topic,
              g.group,
              again.map((d) => d.id),
            );
          }
          await deps.redriven.forget(new Date(Date.now() - YEAR_MS));
          const parts = [`${seen} dead letters, ${redriven} re-driven`];
          if (young > 0) parts.push(`${young} newer than ${ctx.params.minAgeMinutes} min left for later`);
          if (kept.length > 0) {
            parts.push(
              `${kept.length} failed again after a re-drive, left for an administrator: ${kept.slice(0, NAMED).join('; ')}${kept.length > NAMED ? '; …' : ''}`,
            );
          }
          await ctx.log(kept.length > 0 ? 'warn' : 'info', parts.join('; '));
          return { read: seen, written: redriven, skipped: seen - redriven };
        },
      },
    ],
  };
}
