// Sales: per pack from the store, and per day from the batch service's daily-sales report
// (shown when that report answers; the per-pack table stands on its own).
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../../../i18n/i18n.ts';
import { useLoad, useStore } from '../../hooks/use-store.ts';
import { lastDays, salesTotals } from '../../state/sales.ts';

export function SalesSection({ version }: { version: number }) {
  const { t, lang } = useI18n();
  const store = useStore();
  const sales = useLoad(() => store.admin.sales(), [store, version]);
  const range = useMemo(() => lastDays(new Date().toISOString().slice(0, 10), 14), []);
  const daily = useLoad(() => store.admin.dailySales(range.from, range.to), [store, range, version]);
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  const n = (v: number) => v.toLocaleString(locale);
  const items = sales.value?.items ?? [];
  const totals = salesTotals(items);
  const days = [...(daily.value?.days ?? [])].sort((a, b) => b.day.localeCompare(a.day));

  return (
    <section class="account-section" aria-labelledby="store-sales-title">
      <h3 id="store-sales-title">{t('storeSales')}</h3>
      {sales.error ? (
        <p class="field-error" role="alert">
          {sales.error}
        </p>
      ) : null}
      {!sales.value ? (
        sales.error ? null : (
          <p class="empty">…</p>
        )
      ) : items.length === 0 ? (
        <p class="empty">{t('storeNoSales')}</p>
      ) : (
        <div class="stats-table-wrap">
          <table class="stats-table" aria-labelledby="store-sales-title">
            <thead>
              <tr>
                <th scope="col">{t('storeFieldTitle')}</th>
                <th scope="col">{t('storeSalesOrders')}</th>
                <th scope="col">{t('storeSalesGifts')}</th>
                <th scope="col">{t('storeSalesRefunds')}</th>
                <th scope="col">{t('storeSalesRevenue')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.itemId}>
                  <th scope="row">{s.title}</th>
                  <td>{n(s.orders)}</td>
                  <td>{n(s.gifts)}</td>
                  <td>{n(s.refunds)}</td>
                  <td>{n(s.revenue)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('storeSalesTotal')}</th>
                <td>{n(totals.orders)}</td>
                <td>{n(totals.gifts)}</td>
                <td>{n(totals.refunds)}</td>
                <td>{n(totals.revenue)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {days.length > 0 ? (
        <>
          <h4 id="store-daily-title" class="store-subtitle">
            {t('storeDailySales')}
          </h4>
          <div class="stats-table-wrap">
            <table class="stats-table" aria-labelledby="store-daily-title">
              <thead>
                <tr>
                  <th scope="col">{t('statsDay')}</th>
                  <th scope="col">{t('storeSalesOrders')}</th>
                  <th scope="col">{t('storeSalesGifts')}</th>
                  <th scope="col">{t('storeSalesRefunds')}</th>
                  <th scope="col">{t('storeSalesBuyers')}</th>
                  <th scope="col">{t('storeSalesRevenue')}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    <td>{n(d.orders)}</td>
                    <td>{n(d.gifts)}</td>
                    <td>{n(d.refunds)}</td>
                    <td>{n(d.buyers)}</td>
                    <td>{n(d.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
