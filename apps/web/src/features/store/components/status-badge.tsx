import { useI18n } from '../../../i18n/i18n.ts';
import type { OrderStatus } from '../../../lib/wire.ts';

/** An order's status in words, coloured by where it is. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <span class={`store-badge status-${status.toLowerCase()}`} data-status={status}>
      {t(`storeStatus_${status}`)}
    </span>
  );
}
