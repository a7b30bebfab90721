// The sales tables' figures. Framework-free, unit-tested.
import type { ItemSalesT } from '../../../lib/wire.ts';

export interface SalesTotals {
  orders: number;
  gifts: number;
  refunds: number;
  revenue: number;
}

export function salesTotals(items: readonly ItemSalesT[]): SalesTotals {
  const total: SalesTotals = { orders: 0, gifts: 0, refunds: 0, revenue: 0 };
  for (const s of items) {
    total.orders += s.orders;
    total.gifts += s.gifts;
    total.refunds += s.refunds;
    total.revenue += s.revenue;
  }
  return total;
}

/** `from`..`to` (both included) for the last `days` days ending with `today` (YYYY-MM-DD). */
export function lastDays(today: string, days: number): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return { from: d.toISOString().slice(0, 10), to: today };
}
