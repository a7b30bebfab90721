// Someone's public profile: image (or initial), nickname, status message.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { PublicProfile } from '../../../lib/wire.ts';
import { BlockButton } from './block-button.tsx';

interface Props {
  userId: number;
  onClose(): void;
  /** Opens their social profile (posts, follows, room). */
  onOpenSocial?(): void;
}

export function ProfileView({ userId, onClose, onOpenSocial }: Props) {
  const { t } = useI18n();
  const { api } = useServices();
  const [profile, setProfile] = useState<PublicProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .request<PublicProfile>('GET', `/api/users/${userId}`)
      .then((p) => live && setProfile(p))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, userId]);

  return (
    <Dialog title={t('profile')} onClose={onClose}>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : !profile ? (
        <p class="empty">…</p>
      ) : (
        <div class="profile-card" data-testid="profile-card">
          <Avatar name={profile.nickname} imageUrl={profile.profileImageUrl} size="lg" />
          <p class="profile-name">{profile.nickname}</p>
          <p class="profile-status">{profile.statusMessage || t('noStatusMessage')}</p>
          {onOpenSocial ? (
            <a
              href={`/social/users/${userId}`}
              class="link"
              onClick={(e) => {
                e.preventDefault();
                onOpenSocial();
              }}
            >
              {t('socialSocialProfile')}
            </a>
          ) : null}
          <BlockButton userId={userId} />
        </div>
      )}
    </Dialog>
  );
}
