// Recent runs, newest first, with a progress bar each; one opened shows its steps and log.
import { useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ExecutionSummary } from '../../../lib/wire.ts';
import { isActive } from '../state/runs.ts';
import { RunDetail } from './run-detail.tsx';
import { StatusBadge } from './status-badge.tsx';

interface Props {
  runs: ExecutionSummary[] | null;
  /** Bumped by each poll: an open active run reloads with it. */
  version: number;
}

export function RunsSection({ runs, version }: Props) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'short', timeStyle: 'medium' }),
    [lang],
  );
  return (
    <section class="account-section" aria-labelledby="admin-runs-title">
      <h3 id="admin-runs-title">{t('runs')}</h3>
      {runs === null ? (
        <p class="empty">…</p>
      ) : runs.length === 0 ? (
        <p class="empty">{t('noRuns')}</p>
      ) : (
        <ul class="admin-list" aria-label={t('runs')}>
          {runs.map((r) => {
            const label = t('runOf').replace('{job}', r.job).replace('{id}', String(r.id));
            return (
              <li key={r.id} class="admin-item run">
                <button
                  type="button"
                  class="run-toggle"
                  aria-expanded={open === r.id}
                  onClick={() => setOpen(open === r.id ? null : r.id)}
                >
                  <span class="admin-item-title">{label}</span>
                  <StatusBadge status={r.status} />
                  <span class="session-time">
                    {when.format(new Date(r.createdAt))} · {r.trigger}
                    {r.params.day ? ` · ${String(r.params.day)}` : ''}
                  </span>
                  {isActive(r) ? <progress aria-label={`${t('progress')}: ${label}`} /> : null}
                </button>
                {open === r.id ? <RunDetail id={r.id} version={version} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
