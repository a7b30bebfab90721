// The daily-statistics job's output for the last 30 days: a chart and the table of figures.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { DailyStatistics } from '../../../lib/wire.ts';
import { lastDays, statsSeries } from '../state/runs.ts';
import { StatsChart } from './stats-chart.tsx';

/** `version`: the latest completed daily-statistics run; the figures are read again when it moves. */
export function StatsSection({ version }: { version: number }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [days, setDays] = useState<DailyStatistics[] | null>(null);
  const range = useMemo(() => lastDays(new Date().toISOString().slice(0, 10), 31), []);

  useEffect(() => {
    api
      .request<DailyStatistics[]>(
        'GET',
        `/api/batch/reports/daily-statistics?from=${range.from}&to=${range.to}`,
      )
      .then(setDays)
      .catch(() => setDays([]));
  }, [api, range, version]);

  const series = useMemo(() => statsSeries(days ?? []), [days]);
  const labels = useMemo(
    () => ({
      day: t('statsDay'),
      direct: t('statsDirect'),
      group: t('statsGroup'),
      active: t('statsActive'),
    }),
    [t],
  );
  const csv = async () => {
    const file = await api.blob(
      `/api/batch/reports/daily-statistics?from=${range.from}&to=${range.to}&format=csv`,
    );
    const url = URL.createObjectURL(file);
    const a = document.createElement('a');
    a.href = url;
    a.download = `daily-statistics-${range.from}-${range.to}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const n = (v: number | null) => (v === null ? '–' : v.toLocaleString());

  return (
    <section class="account-section" aria-labelledby="admin-stats-title">
      <h3 id="admin-stats-title">{t('dailyStats')}</h3>
      {days === null ? (
        <p class="empty">…</p>
      ) : days.length === 0 ? (
        <p class="empty">{t('noStats')}</p>
      ) : (
        <>
          <StatsChart series={series} labels={labels} from={range.from} to={range.to} />
          <div class="stats-table-wrap">
            <table class="stats-table">
              <caption class="sr-only">{t('dailyStats')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('statsDay')}</th>
                  <th scope="col">{t('statsDirect')}</th>
                  <th scope="col">{t('statsGroup')}</th>
                  <th scope="col">{t('statsActive')}</th>
                  <th scope="col">{t('statsWeekly')}</th>
                  <th scope="col">{t('statsMonthly')}</th>
                  <th scope="col">{t('statsSignups')}</th>
                  <th scope="col">{t('statsRooms')}</th>
                  <th scope="col">{t('statsPeak')}</th>
                </tr>
              </thead>
              <tbody>
                {[...days].reverse().map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    <td>{n(d.messages.direct)}</td>
                    <td>{n(d.messages.group)}</td>
                    <td>{n(d.activeUsers)}</td>
                    <td>{n(d.weeklyActiveUsers)}</td>
                    <td>{n(d.monthlyActiveUsers)}</td>
                    <td>{n(d.signups)}</td>
                    <td>{n(d.roomsCreated)}</td>
                    <td>{n(d.peakConnections)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" class="secondary" onClick={() => void csv()}>
            {t('downloadCsv')}
          </button>
        </>
      )}
    </section>
  );
}
