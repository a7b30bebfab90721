// One run: each step's progress and counts, then its log.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ExecutionDetail, LogPageT } from '../../../lib/wire.ts';
import { isActive, progressOf } from '../state/runs.ts';
import { StatusBadge } from './status-badge.tsx';

export function RunDetail({ id, version }: { id: number; version: number }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [run, setRun] = useState<ExecutionDetail | null>(null);
  const [lines, setLines] = useState<LogPageT['lines']>([]);

  // `version` moves with each poll of the run list: an active run is read again with it.
  useEffect(() => {
    if (run && !isActive(run) && run.id === id) return;
    let live = true;
    void Promise.all([
      api.request<ExecutionDetail>('GET', `/api/batch/executions/${id}`),
      api.request<LogPageT>('GET', `/api/batch/executions/${id}/logs?limit=200`),
    ])
      .then(([r, l]) => {
        if (!live) return;
        setRun(r);
        setLines(l.lines);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api, id, version]);

  if (!run || run.id !== id) return <p class="empty">…</p>;
  const count = (c: { read: number; written: number; skipped: number }) =>
    t('counts')
      .replace('{read}', c.read.toLocaleString())
      .replace('{written}', c.written.toLocaleString())
      .replace('{skipped}', c.skipped.toLocaleString());
  return (
    <section
      class="run-detail"
      aria-label={t('runOf').replace('{job}', run.job).replace('{id}', String(run.id))}
    >
      <p class="run-detail-head">
        <StatusBadge status={run.status} /> {count(run.counts)}
      </p>
      {run.error ? <p class="field-error">{run.error}</p> : null}
      <h4>{t('steps')}</h4>
      <ol class="run-steps">
        {run.steps.map((s) => (
          <li key={s.name}>
            <span class="admin-item-title">{s.name}</span> <StatusBadge status={s.status} />{' '}
            <span class="session-time">
              {count(s.counts)}
              {s.total ? ` · ${s.done.toLocaleString()} / ${s.total.toLocaleString()}` : ''}
            </span>
          </li>
        ))}
      </ol>
      <p class="session-time">
        {t('progress')} {progressOf(run)}%
      </p>
      <h4>{t('logs')}</h4>
      <ol class="run-log" aria-label={t('logs')}>
        {lines.map((l) => (
          <li key={l.id} class={`log-${l.level}`}>
            <time dateTime={l.at}>{l.at.slice(11, 19)}</time> {l.step ? `[${l.step}] ` : ''}
            {l.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
