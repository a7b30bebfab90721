// The social pages in the main pane: a header (back, title, feed / my profile / settings, the
// bell on narrow screens where the sidebar's is hidden) and the page the address names. Rooms
// are social-room's screens.
import '../social.css';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { RoomScreen } from '../../social-room/components/room-screen.tsx';
import type { BellControl } from '../hooks/use-bell.ts';
import { profilePath, type SocialPage, socialPath } from '../state/routes.ts';
import { FeedPage, PostPage, TagPage } from './feed-pages.tsx';
import { Link } from './link.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { ProfilePage } from './profile-page.tsx';
import { SettingsPage } from './settings-page.tsx';

interface Props {
  page: SocialPage;
  bell: BellControl;
  onNavigate(path: string): void;
  /** Leaves the social pages (the back button on narrow screens). */
  onBack(): void;
}

export function SocialScreen({ page, bell, onNavigate, onBack }: Props) {
  const { t } = useI18n();
  const { me } = useServices();
  const narrowBell = <NotificationBell control={bell} onNavigate={onNavigate} class="bell-narrow" />;
  if (page.kind === 'room')
    return <RoomScreen target={page.userId} onNavigate={onNavigate} bell={narrowBell} />;
  if (page.kind === 'my-room') return <RoomScreen target="me" onNavigate={onNavigate} bell={narrowBell} />;
  const myProfile = page.kind === 'profile' && page.userId === me.userId;
  return (
    <section class="account social" aria-labelledby="social-title">
      <header class="room-header social-header">
        <button type="button" class="icon back" aria-label={t('back')} onClick={onBack}>
          ‹
        </button>
        <h2 id="social-title">{t('socialTitle')}</h2>
        <nav class="tabs social-tabs" aria-label={t('socialTitle')}>
          <Link href={socialPath({ kind: 'feed' })} onNavigate={onNavigate} current={page.kind === 'feed'}>
            {t('socialFeed')}
          </Link>
          <Link href={profilePath(me.userId)} onNavigate={onNavigate} current={myProfile}>
            {t('socialMyProfile')}
          </Link>
          <Link
            href={socialPath({ kind: 'settings' })}
            onNavigate={onNavigate}
            current={page.kind === 'settings'}
          >
            {t('socialSettings')}
          </Link>
        </nav>
        {narrowBell}
      </header>
      <div class="account-body social-body">
        {page.kind === 'feed' ? (
          <FeedPage onNavigate={onNavigate} />
        ) : page.kind === 'tag' ? (
          <TagPage key={page.tag} tag={page.tag} onNavigate={onNavigate} />
        ) : page.kind === 'post' ? (
          <PostPage key={page.id} id={page.id} onNavigate={onNavigate} />
        ) : page.kind === 'profile' ? (
          <ProfilePage key={page.userId} userId={page.userId} list={page.list} onNavigate={onNavigate} />
        ) : (
          <SettingsPage onNavigate={onNavigate} />
        )}
      </div>
    </section>
  );
}
