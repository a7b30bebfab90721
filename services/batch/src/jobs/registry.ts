import { type Config, ConfigError } from '@chat/platform';
import type { RegisteredJob } from '../engine/batch-engine.ts';
import { parseFires } from '../schedule/cron.ts';
import type { AnyJob } from './job.ts';

/** The variable that overrides a job's schedule (`daily-statistics` -> BATCH_CRON_DAILY_STATISTICS). */
export function cronVariable(job: string): string {
  return `BATCH_CRON_${job.toUpperCase().replaceAll('-', '_')}`;
}

/**
 * The jobs as the engine runs them: each schedule parsed in its time zone, BATCH_CRON_<JOB>
 * replacing it (`off`: on demand only). A malformed pattern or time zone, or a variable naming
 * no job, refuses the start with a ConfigError naming the variable or the job.
 */
export function registerJobs(defs: readonly AnyJob[], config: Config['batch']): Map<string, RegisteredJob> {
  const problems: string[] = [];
  const jobs = new Map<string, RegisteredJob>();
  for (const def of defs) {
    if (jobs.has(def.name)) throw new Error(`two batch jobs are named ${def.name}`);
    const override = config.cron[def.name];
    const pattern = override ?? def.schedule?.cron;
    const timezone = def.schedule?.timezone ?? config.timezone;
    let fires: RegisteredJob['fires'];
    if (pattern !== undefined && pattern.toLowerCase() !== 'off') {
      try {
        fires = parseFires(pattern, timezone);
      } catch (err) {
        const where = override === undefined ? `job ${def.name}'s schedule` : cronVariable(def.name);
        problems.push(`${where}: ${(err as Error).message}`);
      }
    }
    jobs.set(def.name, {
      def,
      fires,
      timezone,
      missed: def.schedule?.missed ?? 'run-once',
      retry: def.retry ?? { attempts: 1, backoffMs: 0 },
    });
  }
  for (const name of Object.keys(config.cron)) {
    if (!jobs.has(name)) {
      problems.push(
        `${cronVariable(name)}: there is no batch job ${name} (jobs: ${[...jobs.keys()].join(', ')})`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return jobs;
}
