// Batch administration (administrators): jobs, runs with their progress and logs, the daily
// statistics. Polls every second while a run is active, every ten seconds otherwise.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ExecutionPageT, ExecutionSummary, JobSummary } from '../../../lib/wire.ts';
import { isActive } from '../state/runs.ts';
import { JobsSection } from './jobs-section.tsx';
import { RunsSection } from './runs-section.tsx';
import { StatsSection } from './stats-section.tsx';

export function AdminScreen({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const { api, me } = useServices();
  const [jobs, setJobs] = useState<JobSummary[] | null>(null);
  const [runs, setRuns] = useState<ExecutionSummary[] | null>(null);
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState(false);
  const admin = me.role === 'ROLE_ADMIN';

  const load = useCallback(async () => {
    try {
      const [j, page] = await Promise.all([
        api.request<JobSummary[]>('GET', '/api/batch/jobs'),
        api.request<ExecutionPageT>('GET', '/api/batch/executions?limit=20'),
      ]);
      setJobs(j);
      setRuns(page.executions);
      setFailed(false);
    } catch {
      setFailed(true);
    }
    setVersion((v) => v + 1);
  }, [api]);

  useEffect(() => {
    if (admin) void load();
  }, [admin, load]);
  const active = runs?.some(isActive) ?? false;
  // The figures change only when a daily-statistics run completes: reloaded then, not each poll.
  const lastStats = runs?.find((r) => r.job === 'daily-statistics' && r.status === 'completed')?.id ?? 0;
  useEffect(() => {
    if (!admin) return;
    const timer = setTimeout(() => void load(), active ? 1000 : 10_000);
    return () => clearTimeout(timer);
  }, [admin, active, version, load]);

  return (
    <section class="account admin" aria-labelledby="admin-title">
      <header class="room-header">
        <button type="button" class="icon back account-back" aria-label={t('back')} onClick={onBack}>
          ‹
        </button>
        <h2 id="admin-title">{t('adminTitle')}</h2>
      </header>
      <div class="account-body admin-body">
        {!admin ? (
          <p class="empty">{t('adminOnly')}</p>
        ) : (
          <>
            {failed ? (
              <p class="field-error" role="alert">
                {t('genericError')}
              </p>
            ) : null}
            <JobsSection jobs={jobs} onChanged={() => void load()} />
            <RunsSection runs={runs} version={version} />
            <StatsSection version={lastStats} />
          </>
        )}
      </div>
    </section>
  );
}
