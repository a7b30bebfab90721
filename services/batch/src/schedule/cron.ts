import { Cron } from 'croner';

/** A job's parsed schedule: its fires, in its time zone. */
export interface Fires {
  readonly pattern: string;
  readonly timezone: string;
  /** The latest fire at or before `at`; undefined if there is none. */
  latest(at: Date): Date | undefined;
  /** The first fire after `at`. */
  next(at: Date): Date | undefined;
  /** The time between the fire before `at` and the one after it (for "twice its interval"). */
  intervalMs(at: Date): number | undefined;
}

/** Parses a cron pattern in a time zone; throws a one-line reason when either is malformed. */
export function parseFires(pattern: string, timezone: string): Fires {
  if (!isTimeZone(timezone)) throw new Error(`"${timezone}" is not a time zone`);
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone, paused: true });
  } catch (err) {
    throw new Error(`"${pattern}" is not a cron pattern: ${(err as Error).message}`);
  }
  if (cron.nextRun(new Date()) === null) throw new Error(`"${pattern}" never fires`);
  const latest = (at: Date) => {
    // croner's previousRuns excludes `at` itself: look from just after it.
    const [fire] = cron.previousRuns(1, new Date(at.getTime() + 1));
    return fire;
  };
  return {
    pattern,
    timezone,
    latest,
    next: (at) => cron.nextRun(at) ?? undefined,
    intervalMs(at) {
      const before = latest(at);
      const after = before ? cron.nextRun(before) : null;
      return before && after ? after.getTime() - before.getTime() : undefined;
    },
  };
}

/** Whether `timezone` is an IANA zone this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}
