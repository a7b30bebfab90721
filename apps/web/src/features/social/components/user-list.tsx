// A user's followers, following or friends, newest first, by cursor; each opens their profile.
// On my own followers list each has a remove button (they stop following me, without a notice).
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import type { UserPage } from '../api/types.ts';
import { useSocial } from '../hooks/use-social.ts';
import { fill } from '../state/fill.ts';
import { profilePath, type UserList } from '../state/routes.ts';
import { Link } from './link.tsx';

type Person = UserPage['users'][number];

interface Props {
  userId: number;
  list: UserList;
  onNavigate(path: string): void;
}

const TITLE = {
  followers: 'socialFollowers',
  following: 'socialFollowing',
  friends: 'socialFriends',
} as const;

export function UserListView({ userId, list, onNavigate }: Props) {
  const { t, name } = useI18n();
  const social = useSocial();
  const { me } = useServices();
  const removable = list === 'followers' && userId === me.userId;
  const [users, setUsers] = useState<Person[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadingMore = useOneAtATime();
  const load = (cursor: number | null) =>
    social
      .users(userId, list, cursor)
      .then((p) => {
        setUsers((u) => [...(cursor ? (u ?? []) : []), ...p.users]);
        setNext(p.nextCursor);
      })
      .catch((e: Error) => setError(e.message));
  useEffect(() => {
    void load(null);
  }, [social, userId, list]);
  const remove = (u: Person) => {
    setError(null);
    social
      .removeFollower(u.id)
      .then(() => setUsers((all) => all?.filter((x) => x.id !== u.id) ?? null))
      .catch((e: Error) => setError(e.message));
  };

  return (
    <section class="user-list" aria-label={t(TITLE[list])}>
      <h3 class="social-page-title">{t(TITLE[list])}</h3>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {users === null ? null : users.length === 0 ? (
        <p class="empty">{t('socialNoUsers')}</p>
      ) : (
        <ul class="people-list social-people">
          {users.map((u) => (
            <li key={u.id} class="person">
              <Link class="person-open" href={profilePath(u.id)} onNavigate={onNavigate}>
                <Avatar name={u.nickname} imageUrl={u.profileImageUrl} />
                <span class="room-title">{name(u.nickname)}</span>
              </Link>
              {removable ? (
                <button
                  type="button"
                  class="secondary"
                  aria-label={fill(t('socialRemoveFollower'), { name: name(u.nickname) })}
                  onClick={() => remove(u)}
                >
                  {t('socialRemove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {next !== null ? (
        <button
          type="button"
          class="secondary social-more"
          aria-disabled={loadingMore.busy}
          onClick={() => void loadingMore.run(() => load(next))}
        >
          {t('socialMore')}
        </button>
      ) : null}
    </section>
  );
}
