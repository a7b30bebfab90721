// My points as a figure, with the way to top them up when this server takes card payments.
import { useI18n } from '../../../i18n/i18n.ts';
import type { PointsState } from '../hooks/use-points.ts';
import { pointsLabel } from '../state/catalog.ts';
import { storePath } from '../state/routes.ts';

interface Props {
  points: PointsState;
  cardPayments: boolean;
  /** Opens the top-up page; left out on that page. */
  onTopUp?: () => void;
}

export function Balance({ points, cardPayments, onTopUp }: Props) {
  const { t, lang } = useI18n();
  return (
    <section class="store-section store-balance" aria-labelledby="store-points-title">
      <h3 id="store-points-title">{t('storeBalance')}</h3>
      <p class="store-balance-figure" data-testid="my-balance">
        {points.balance !== null ? pointsLabel(points.balance, lang) : points.error ? '–' : '…'}
      </p>
      {onTopUp && cardPayments ? (
        <p class="store-item-actions">
          <a
            class="button primary"
            href={storePath({ kind: 'points' })}
            onClick={(e) => {
              e.preventDefault();
              onTopUp();
            }}
          >
            {t('storeTopUp')}
          </a>
        </p>
      ) : null}
    </section>
  );
}
