import type { Metrics } from '@chat/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { BatchRepository, ExecutionRow } from '../store/batch.repository.ts';
import type { RegisteredJob, RunObserver } from './batch-engine.ts';

/**
 * batch_job_runs_total{batch_job,status}, batch_job_duration_seconds{batch_job} (runs this node
 * ended), batch_job_last_success_timestamp_seconds{batch_job} and batch_job_interval_seconds{batch_job} (from the
 * run history and the schedules: every node reports the same), which the BatchJobNotSucceeding
 * alert compares. The label is `batch_job`: `job` is Prometheus' own (the scrape job).
 */
export function batchMetrics(
  metrics: Metrics,
  repo: BatchRepository,
  jobs: ReadonlyMap<string, RegisteredJob>,
): RunObserver {
  const registers = [metrics.registry];
  const names = [...jobs.keys()];
  const runs = new Counter({
    name: 'batch_job_runs_total',
    help: 'Batch runs this node ended, by job and status (completed, failed)',
    labelNames: ['batch_job', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: 'batch_job_duration_seconds',
    help: 'Time of the batch runs this node ended (its part of a resumed run)',
    labelNames: ['batch_job'],
    buckets: [0.1, 1, 10, 60, 300, 1800, 7200],
    registers,
  });
  new Gauge({
    name: 'batch_job_last_success_timestamp_seconds',
    help: 'When each job last completed (unix seconds); never: when its schedule began counting (deployed, resumed), else 0',
    labelNames: ['batch_job'],
    registers,
    async collect() {
      const [last, states] = await Promise.all([repo.lastRuns(names), repo.schedules()]).catch(() => []);
      if (!last || !states) return;
      for (const job of names) {
        const at = last.get(job)?.lastSuccess ?? states.get(job)?.since;
        this.set({ batch_job: job }, at ? new Date(at).getTime() / 1000 : 0);
      }
    },
  });
  new Gauge({
    name: 'batch_job_interval_seconds',
    help: 'Time between two fires of each scheduled job that is not paused (BatchJobNotSucceeding)',
    labelNames: ['batch_job'],
    registers,
    async collect() {
      const states = await repo.schedules().catch(() => undefined);
      if (!states) return;
      this.reset();
      const now = new Date();
      for (const [job, registered] of jobs) {
        const interval = registered.fires?.intervalMs(now);
        if (interval !== undefined && !states.get(job)?.paused) this.set({ batch_job: job }, interval / 1000);
      }
    },
  });
  return {
    ended(row: ExecutionRow, durationMs: number) {
      runs.inc({ batch_job: row.job, status: row.status });
      duration.observe({ batch_job: row.job }, durationMs / 1000);
    },
  };
}
