// A post's images, fetched with the token (the server shows them only to whoever may see the post).
import { useI18n } from '../../../i18n/i18n.ts';
import type { Post } from '../api/types.ts';
import { usePostImage } from '../hooks/use-social.ts';
import { fill } from '../state/fill.ts';

export function PostImages({ post }: { post: Post }) {
  if (post.images.length === 0) return null;
  return (
    <div class={`post-images n${post.images.length}`}>
      {post.images.map((img, i) => (
        <PostImage key={img.id} url={img.url} n={i + 1} author={post.author.nickname} />
      ))}
    </div>
  );
}

function PostImage({ url, n, author }: { url: string; n: number; author: string }) {
  const { t, name } = useI18n();
  const src = usePostImage(url);
  const alt = fill(t('socialImageAlt'), { name: name(author), n });
  if (src === null || src === 'error')
    return <span class="post-image placeholder" role="img" aria-label={alt} />;
  return <img class="post-image" src={src} alt={alt} />;
}
