// The jobs: schedule, next fire, last run; run now, pause and resume.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { ApiError } from '../../../lib/http.ts';
import type { JobSummary } from '../../../lib/wire.ts';
import { paramFields, paramsFrom } from '../state/job-params.ts';
import { StatusBadge } from './status-badge.tsx';

interface Props {
  jobs: JobSummary[] | null;
  /** A job changed or a run was asked for: load jobs and runs again. */
  onChanged(): void;
}

export function JobsSection({ jobs, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { api } = useServices();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const when = useMemo(
    () =>
      new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' }),
    [lang],
  );

  const act = async (job: JobSummary, action: 'runs' | 'pause' | 'resume') => {
    setBusy(job.name);
    setNotice(null);
    try {
      const body =
        action === 'runs'
          ? { params: paramsFrom(paramFields(job.params), values[job.name] ?? {}) }
          : undefined;
      await api.request('POST', `/api/batch/jobs/${job.name}/${action}`, body);
      if (action === 'runs') setNotice({ text: t('runStarted'), error: false });
      onChanged();
    } catch (err) {
      // A parameter the job refuses is named by the server (`body.params.day: ...`).
      const text =
        err instanceof ApiError && err.status === 409
          ? t('runActive')
          : err instanceof ApiError && err.status === 400
            ? err.message
            : t('genericError');
      setNotice({ text, error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="account-section" aria-labelledby="admin-jobs-title">
      <h3 id="admin-jobs-title">{t('jobs')}</h3>
      {notice ? (
        <p class={notice.error ? 'field-error' : 'field-hint'} role={notice.error ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {jobs === null ? (
        <p class="empty">…</p>
      ) : (
        <ul class="admin-list" aria-label={t('jobs')}>
          {jobs.map((job) => (
            <li key={job.name} class="admin-item">
              <div class="admin-item-main">
                <span class="admin-item-title">{job.name}</span>
                <span class="session-time">{job.description}</span>
                <span class="session-time">
                  {job.schedule ? `${job.schedule.cron} (${job.schedule.timezone})` : t('onDemand')}
                  {' · '}
                  {job.paused
                    ? t('pausedLabel')
                    : job.nextFireAt
                      ? t('nextFire').replace('{time}', when.format(new Date(job.nextFireAt)))
                      : ''}
                </span>
                <span class="session-time">
                  {t('lastRun')}: {job.lastRun ? <StatusBadge status={job.lastRun.status} /> : t('never')}
                </span>
              </div>
              {paramFields(job.params).length > 0 ? (
                <details class="job-params">
                  <summary>{t('parameters')}</summary>
                  {paramFields(job.params).map((f) => (
                    <label key={f.name} class="job-param">
                      <span>{f.name}</span>
                      <input
                        type="text"
                        inputMode={f.kind === 'number' ? 'numeric' : undefined}
                        placeholder={
                          f.defaultValue !== undefined
                            ? t('parameterDefault').replace('{value}', f.defaultValue)
                            : f.description
                        }
                        value={values[job.name]?.[f.name] ?? ''}
                        onInput={(e) => {
                          const v = (e.target as HTMLInputElement).value;
                          setValues((all) => ({ ...all, [job.name]: { ...all[job.name], [f.name]: v } }));
                        }}
                      />
                    </label>
                  ))}
                </details>
              ) : null}
              <div class="admin-actions">
                <button
                  type="button"
                  disabled={busy === job.name}
                  aria-label={`${t('runNow')}: ${job.name}`}
                  onClick={() => void act(job, 'runs')}
                >
                  {t('runNow')}
                </button>
                {job.schedule ? (
                  <button
                    type="button"
                    class="secondary"
                    disabled={busy === job.name}
                    aria-label={`${t(job.paused ? 'resumeJob' : 'pauseJob')}: ${job.name}`}
                    onClick={() => void act(job, job.paused ? 'resume' : 'pause')}
                  >
                    {t(job.paused ? 'resumeJob' : 'pauseJob')}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
