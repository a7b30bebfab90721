// Someone's social profile: picture, nickname, counts, the avatar they wear, the follow button,
// the way to their room (mine: to my room, settings and avatar), then their posts or one of
// their lists; a private account I may not see says so instead.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { SocialProfile } from '../api/types.ts';
import { usePostList } from '../hooks/use-post-list.ts';
import { useSocial } from '../hooks/use-social.ts';
import { socialPath, type UserList } from '../state/routes.ts';
import { AvatarFigure } from './avatar-figure.tsx';
import { Link } from './link.tsx';
import { PostList } from './post-list.tsx';
import { UserListView } from './user-list.tsx';

interface Props {
  userId: number;
  list: UserList | null;
  onNavigate(path: string): void;
}

export function ProfilePage({ userId, list, onNavigate }: Props) {
  const { t, name } = useI18n();
  const { me } = useServices();
  const social = useSocial();
  const [profile, setProfile] = useState<SocialProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const mine = userId === me.userId;

  useEffect(() => {
    let live = true;
    social
      .profile(userId)
      .then((p) => {
        if (!live) return;
        setProfile(p);
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [social, userId, version]);

  if (error && !profile)
    return (
      <p class="field-error" role="alert">
        {error}
      </p>
    );
  if (!profile) return <p class="empty">…</p>;
  const tab = (target: UserList | null, label: string, count?: number) => (
    <Link
      href={socialPath({ kind: 'profile', userId, list: target })}
      onNavigate={onNavigate}
      current={list === target}
      class="profile-count"
    >
      {count !== undefined ? <strong>{count.toLocaleString()}</strong> : null}
      <span>{label}</span>
    </Link>
  );

  return (
    <div class="social-profile">
      <section class="profile-head" aria-label={name(profile.user.nickname)}>
        <Avatar name={profile.user.nickname} imageUrl={profile.user.profileImageUrl} size="lg" />
        <div class="profile-head-main">
          <h3 class="profile-nick">
            {name(profile.user.nickname)}
            {profile.private ? (
              <span class="social-badge" title={t('socialPrivateAccount')}>
                🔒 <span class="sr-only">{t('socialPrivateAccount')}</span>
              </span>
            ) : null}
          </h3>
          {profile.followsMe && !mine ? <span class="social-badge">{t('socialFollowsYou')}</span> : null}
          <nav class="profile-counts" aria-label={name(profile.user.nickname)}>
            {tab(null, t('socialPosts'), profile.posts)}
            {tab('followers', t('socialFollowers'), profile.followers)}
            {tab('following', t('socialFollowing'), profile.following)}
            {tab('friends', t('socialFriends'))}
          </nav>
          <div class="profile-buttons">
            {mine ? (
              <>
                <Link
                  class="button-link secondary"
                  href={socialPath({ kind: 'my-room' })}
                  onNavigate={onNavigate}
                >
                  {t('socialMyRoom')}
                </Link>
                <Link
                  class="button-link secondary"
                  href={socialPath({ kind: 'settings' })}
                  onNavigate={onNavigate}
                >
                  {t('socialSettings')}
                </Link>
                <Link
                  class="button-link secondary"
                  href={socialPath({ kind: 'settings' })}
                  onNavigate={onNavigate}
                >
                  {t('socialAvatarEdit')}
                </Link>
              </>
            ) : (
              <>
                <FollowButton profile={profile} onChanged={() => setVersion((v) => v + 1)} />
                <Link
                  class="button-link secondary"
                  href={socialPath({ kind: 'room', userId })}
                  onNavigate={onNavigate}
                >
                  {t('socialVisitRoom')}
                </Link>
              </>
            )}
          </div>
        </div>
        {profile.avatar.length > 0 ? (
          <AvatarFigure
            items={profile.avatar}
            label={t('socialAvatarOf').replace('{name}', name(profile.user.nickname))}
          />
        ) : null}
      </section>
      {!profile.visible ? (
        <p class="private-notice" role="note">
          🔒 {t('socialPrivateNotice')}
        </p>
      ) : list ? (
        <UserListView
          key={`${userId}-${list}-${version}`}
          userId={userId}
          list={list}
          onNavigate={onNavigate}
        />
      ) : (
        <UserPosts key={`${userId}-${version}`} userId={userId} onNavigate={onNavigate} />
      )}
    </div>
  );
}

function UserPosts({ userId, onNavigate }: { userId: number; onNavigate(path: string): void }) {
  const { t } = useI18n();
  const control = usePostList({ kind: 'user', userId });
  return <PostList control={control} empty={t('socialNoPosts')} onNavigate={onNavigate} />;
}

/** Follow / Requested / Following: a click follows, withdraws the request or unfollows. */
function FollowButton({ profile, onChanged }: { profile: SocialProfile; onChanged(): void }) {
  const { t } = useI18n();
  const social = useSocial();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = profile.user.id;
  const act = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (profile.me === 'NONE') await social.follow(id);
      else await social.unfollow(id);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const label =
    profile.me === 'FOLLOWING'
      ? t('socialFollowing')
      : profile.me === 'REQUESTED'
        ? t('socialRequested')
        : profile.followsMe
          ? t('socialFollowBack')
          : t('socialFollow');
  const hint =
    profile.me === 'FOLLOWING'
      ? t('socialUnfollow')
      : profile.me === 'REQUESTED'
        ? t('socialWithdraw')
        : undefined;
  return (
    <>
      <button
        type="button"
        class={profile.me === 'NONE' ? 'primary' : 'secondary'}
        aria-pressed={profile.me !== 'NONE'}
        title={hint}
        // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page.
        aria-disabled={busy}
        onClick={() => void act()}
      >
        {label}
      </button>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
