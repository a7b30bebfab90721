// Posts shown a page at a time, with "load more".
import { useI18n } from '../../../i18n/i18n.ts';
import type { PostListControl } from '../hooks/use-post-list.ts';
import { PostCard } from './post-card.tsx';

interface Props {
  control: PostListControl;
  empty: string;
  onNavigate(path: string): void;
}

export function PostList({ control, empty, onNavigate }: Props) {
  const { t } = useI18n();
  const { list, error } = control;
  return (
    <div class="post-list">
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {list === null ? (
        error ? null : (
          <p class="empty">…</p>
        )
      ) : list.posts.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        list.posts.map((p) => (
          <PostCard
            key={p.id}
            post={p}
            onChange={control.replace}
            onDeleted={control.remove}
            onNavigate={onNavigate}
          />
        ))
      )}
      {list && list.next !== null ? (
        <button
          type="button"
          class="secondary social-more"
          disabled={control.loadingMore}
          onClick={control.more}
        >
          {t('socialMore')}
        </button>
      ) : null}
    </div>
  );
}
