// The feed (with the composer), a tag's posts, and one post on its own page.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Post } from '../api/types.ts';
import { usePostList } from '../hooks/use-post-list.ts';
import { useSocial } from '../hooks/use-social.ts';
import { Composer } from './composer.tsx';
import { PostCard } from './post-card.tsx';
import { PostList } from './post-list.tsx';

export function FeedPage({ onNavigate }: { onNavigate(path: string): void }) {
  const { t } = useI18n();
  const control = usePostList({ kind: 'feed' });
  return (
    <>
      <Composer onPosted={control.prepend} />
      <h3 class="sr-only">{t('socialFeed')}</h3>
      <PostList control={control} empty={t('socialFeedEmpty')} onNavigate={onNavigate} />
    </>
  );
}

export function TagPage({ tag, onNavigate }: { tag: string; onNavigate(path: string): void }) {
  const { t } = useI18n();
  const control = usePostList({ kind: 'tag', tag });
  return (
    <>
      <h3 class="social-page-title">#{tag}</h3>
      <PostList control={control} empty={t('socialNoPosts')} onNavigate={onNavigate} />
    </>
  );
}

export function PostPage({ id, onNavigate }: { id: number; onNavigate(path: string): void }) {
  const { t } = useI18n();
  const social = useSocial();
  const [post, setPost] = useState<Post | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState(false);
  useEffect(() => {
    let live = true;
    social
      .post(id)
      .then((p) => live && setPost(p))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [social, id]);
  if (error)
    return (
      <p class="field-error" role="alert">
        {error}
      </p>
    );
  if (deleted) return <p class="empty">{t('socialNoPosts')}</p>;
  if (!post) return <p class="empty">…</p>;
  return (
    <PostCard
      post={post}
      onChange={setPost}
      onDeleted={() => setDeleted(true)}
      onNavigate={onNavigate}
      openComments
    />
  );
}
