// The batch admin screen's state logic: a run's progress, which runs still move, and the daily
// figures as the chart's series. Framework-free, unit-tested.
import type { DailyStatistics, ExecutionDetail, ExecutionSummary } from '../../../lib/wire.ts';

export type RunStatus = ExecutionSummary['status'];

/** A run that may still change (the screen polls while one is shown). */
export function isActive(run: Pick<ExecutionSummary, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/**
 * How far a run is, 0..100: ended runs are at 100 (completed) or where they stopped; a running
 * one counts its finished steps whole and the current one by done/total (ids, approximate).
 */
export function progressOf(run: Pick<ExecutionDetail, 'status' | 'steps'>): number {
  if (run.status === 'completed' || run.status === 'skipped') return 100;
  const steps = run.steps;
  if (steps.length === 0) return 0;
  let sum = 0;
  for (const s of steps) {
    if (s.status === 'completed') sum += 1;
    else if (s.status === 'running' || s.status === 'failed') {
      sum += s.total && s.total > 0 ? Math.min(1, s.done / s.total) : 0;
    }
  }
  return Math.floor((sum / steps.length) * 100);
}

/** The chart's series, one point per day in order: x in seconds (uPlot), and each figure. */
export interface StatsSeries {
  readonly days: string[];
  readonly x: number[];
  readonly direct: number[];
  readonly group: number[];
  readonly active: (number | null)[];
}

export function statsSeries(days: readonly DailyStatistics[]): StatsSeries {
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  return {
    days: sorted.map((d) => d.day),
    x: sorted.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
    direct: sorted.map((d) => d.messages.direct),
    group: sorted.map((d) => d.messages.group),
    active: sorted.map((d) => d.activeUsers),
  };
}

/** `from`..`to` (both included) for the last `days` days ending with `today` (YYYY-MM-DD). */
export function lastDays(today: string, days: number): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return { from: d.toISOString().slice(0, 10), to: today };
}
