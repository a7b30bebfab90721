// Administration (administrators): batch jobs, runs with their progress and logs, the daily
// statistics (polled every second while a run is active, every ten seconds otherwise); the
// social service's assets; the store (composed by the app).
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import '../admin.css';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ExecutionPageT, ExecutionSummary, JobSummary } from '../../../lib/wire.ts';
import { isActive } from '../state/runs.ts';
import { AssetsAdmin } from './assets-admin.tsx';
import { JobsSection } from './jobs-section.tsx';
import { RunsSection } from './runs-section.tsx';
import { StatsSection } from './stats-section.tsx';

export type AdminTab = 'batch' | 'store' | 'assets';

interface Props {
  onBack(): void;
  /** Which tab is open: the batch jobs, the assets, or the store (composed by the app). */
  tab?: AdminTab;
  onTab?(path: string): void;
  renderStore?: () => ComponentChildren;
  /** The notification bell, at the header's end on narrow screens (composed by the app). */
  bell?: ComponentChildren;
}

export function AdminScreen({ onBack, tab = 'batch', onTab, renderStore, bell }: Props) {
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

  const batch = admin && tab === 'batch';
  useEffect(() => {
    if (batch) void load();
  }, [batch, load]);
  const active = runs?.some(isActive) ?? false;
  // The figures change only when a daily-statistics run completes: reloaded then, not each poll.
  const lastStats = runs?.find((r) => r.job === 'daily-statistics' && r.status === 'completed')?.id ?? 0;
  useEffect(() => {
    if (!batch) return;
    const timer = setTimeout(() => void load(), active ? 1000 : 10_000);
    return () => clearTimeout(timer);
  }, [batch, active, version, load]);
  const tabLink = (to: AdminTab, path: string, label: string) => (
    <a
      href={path}
      aria-current={tab === to ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        onTab?.(path);
      }}
    >
      {label}
    </a>
  );

  return (
    <section class="account admin" aria-labelledby="admin-title">
      <header class="room-header">
        <button type="button" class="icon back account-back" aria-label={t('back')} onClick={onBack}>
          ‹
        </button>
        <h2 id="admin-title">
          {tab === 'store' ? t('storeAdminTitle') : tab === 'assets' ? t('assetAdminTitle') : t('adminTitle')}
        </h2>
        {bell}
        {admin ? (
          <nav class="tabs admin-tabs" aria-label={t('admin')}>
            {tabLink('batch', '/admin', t('adminBatchTab'))}
            {renderStore ? tabLink('store', '/admin/store', t('adminStoreTab')) : null}
            {tabLink('assets', '/admin/assets', t('adminAssetsTab'))}
          </nav>
        ) : null}
      </header>
      <div class="account-body admin-body">
        {!admin ? (
          <p class="empty">{t('adminOnly')}</p>
        ) : tab === 'store' && renderStore ? (
          renderStore()
        ) : tab === 'assets' ? (
          <AssetsAdmin />
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
