// An order's history: each transition with who made it, why (in the reader's language; an
// administrator's own words as written) and when.
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { OrderTransitionT } from '../../../lib/wire.ts';
import { pointsLabel } from '../state/catalog.ts';
import { actorOf } from '../state/orders.ts';
import { reasonText } from '../state/reasons.ts';
import { StatusBadge } from './status-badge.tsx';

export function OrderHistory({ transitions }: { transitions: readonly OrderTransitionT[] }) {
  const { t, lang } = useI18n();
  const { me } = useServices();
  const who = (actor: string) => {
    const a = actorOf(actor, me.userId);
    switch (a.kind) {
      case 'me':
        return t('me');
      case 'user':
        return `${t('storeActorUser')} #${a.id}`;
      case 'admin':
        return t('storeActorAdmin');
      case 'system':
        return t('storeActorSystem');
      case 'provider':
        return t('storeActorProvider');
      default:
        return actor;
    }
  };
  const why = (reason: string) => reasonText(reason, t, (n) => pointsLabel(n, lang));
  return (
    <section class="store-section" aria-labelledby="order-history-title">
      <h4 id="order-history-title" class="store-subtitle">
        {t('storeHistory')}
      </h4>
      <ol class="order-history" aria-label={t('storeHistory')}>
        {transitions.map((tr, i) => (
          <li key={i} class="order-step">
            <StatusBadge status={tr.to} />
            <span class="order-step-main">
              <span>{[who(tr.actor), why(tr.reason)].filter(Boolean).join(' · ')}</span>
              <time class="session-time" dateTime={tr.at}>
                {new Date(tr.at).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US')}
              </time>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
