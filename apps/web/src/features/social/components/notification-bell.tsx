// The bell: the unread count as a badge, and a panel of notifications (newest first, by cursor);
// opening one marks it read and goes where it is about.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Notification, ReactionKind } from '../api/types.ts';
import type { BellControl } from '../hooks/use-bell.ts';
import { fill } from '../state/fill.ts';
import { badgeText, NOTIFICATION_TEXT, notificationTarget } from '../state/notifications.ts';

interface Props {
  control: BellControl;
  onNavigate(path: string): void;
  class?: string;
}

export function NotificationBell({ control, onNavigate, class: cls = '' }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { bell } = control;
  const badge = badgeText(bell.unread);

  useEffect(() => {
    if (!open) return;
    control.load();
    const outside = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape closes the panel and gives the focus back to the bell (it may be inside the panel).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const pick = (n: Notification) => {
    control.read(n);
    setOpen(false);
    // The panel (and the focused row) goes away: the focus stays on the bell, not lost to the page.
    button.current?.focus();
    onNavigate(notificationTarget(n));
  };

  return (
    <div class={`bell ${cls}`} ref={root}>
      <button
        ref={button}
        type="button"
        class="bell-button"
        aria-expanded={open}
        aria-label={
          bell.unread > 0
            ? `${t('socialNotifications')}, ${fill(t('socialUnread'), { count: bell.unread })}`
            : t('socialNotifications')
        }
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            fill="currentColor"
          />
        </svg>
        {badge ? (
          <span class="bell-badge" data-testid="bell-badge" aria-hidden="true">
            {badge}
          </span>
        ) : null}
      </button>
      {open ? (
        <section class="bell-panel" aria-label={t('socialNotifications')}>
          <header class="bell-head">
            <h2>{t('socialNotifications')}</h2>
            <button type="button" class="link" disabled={bell.unread === 0} onClick={control.readAll}>
              {t('socialMarkAllRead')}
            </button>
          </header>
          {control.error ? (
            <p class="field-error" role="alert">
              {control.error}
            </p>
          ) : null}
          {bell.items === null ? (
            <p class="empty">…</p>
          ) : bell.items.length === 0 ? (
            <p class="empty">{t('socialNoNotifications')}</p>
          ) : (
            <ul class="bell-list">
              {bell.items.map((n) => (
                <li key={n.id}>
                  <NotificationRow n={n} onPick={() => pick(n)} />
                </li>
              ))}
            </ul>
          )}
          {bell.next !== null && bell.items ? (
            <button
              type="button"
              class="secondary social-more"
              aria-disabled={control.loadingMore}
              onClick={control.more}
            >
              {t('socialMore')}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function NotificationRow({ n, onPick }: { n: Notification; onPick(): void }) {
  const { t, name, lang } = useI18n();
  const reaction = n.reaction ? t(`socialReact${n.reaction as ReactionKind}`) : '';
  const text = fill(t(NOTIFICATION_TEXT[n.kind] as 'socialNotifFollower'), {
    name: name(n.actor.nickname),
    reaction,
  });
  const when = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(n.createdAt));
  return (
    <button type="button" class={`bell-item${n.read ? '' : ' unread'}`} onClick={onPick}>
      <Avatar name={n.actor.nickname} imageUrl={n.actor.profileImageUrl} size="sm" />
      <span class="bell-text">
        <span>{text}</span>
        <time dateTime={n.createdAt}>{when}</time>
      </span>
      {n.read ? null : <span class="bell-dot" aria-hidden="true" />}
    </button>
  );
}
