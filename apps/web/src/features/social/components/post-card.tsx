// One post: author (to their profile), time, visibility, text, images, tags (to their pages),
// reactions, comments; my own I edit (text, tags, visibility) or delete.
import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { POST_TEXT_MAX, type Post, type PostVisibility } from '../api/types.ts';
import { useMentions } from '../hooks/use-mentions.ts';
import { useSocial } from '../hooks/use-social.ts';
import { composerProblem, parseTags } from '../state/composer.ts';
import { fill } from '../state/fill.ts';
import { editedMentions } from '../state/mentions.ts';
import { profilePath, socialPath, tagPath } from '../state/routes.ts';
import { Comments } from './comments.tsx';
import { VisibilitySelect } from './composer.tsx';
import { Link } from './link.tsx';
import { MentionField } from './mention-picker.tsx';
import { MentionText } from './mention-text.tsx';
import { PostImages } from './post-images.tsx';
import { ReactionBar } from './reaction-bar.tsx';

interface Props {
  post: Post;
  onChange(p: Post): void;
  onDeleted(id: number): void;
  onNavigate(path: string): void;
  /** Comments shown from the start (the post's own page). */
  openComments?: boolean;
}

export function PostCard({ post, onChange, onDeleted, onNavigate, openComments = false }: Props) {
  const { t, name, lang } = useI18n();
  const { me } = useServices();
  const social = useSocial();
  const [comments, setComments] = useState(openComments);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = post.author.id === me.userId;
  const when = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(post.createdAt));

  const remove = async () => {
    try {
      await social.remove(post.id);
      onDeleted(post.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <article class="post-card" aria-label={`${name(post.author.nickname)}: ${post.text.slice(0, 40)}`}>
      <header class="post-head">
        <Link href={profilePath(post.author.id)} onNavigate={onNavigate} class="post-avatar">
          <Avatar name={post.author.nickname} imageUrl={post.author.profileImageUrl} />
        </Link>
        <div class="post-meta">
          <Link class="post-author" href={profilePath(post.author.id)} onNavigate={onNavigate}>
            {name(post.author.nickname)}
          </Link>
          <span class="post-when">
            <Link href={socialPath({ kind: 'post', id: post.id })} onNavigate={onNavigate}>
              <time dateTime={post.createdAt}>{when}</time>
            </Link>
            {post.editedAt ? ` · ${t('socialEdited')}` : ''}
            {post.visibility !== 'PUBLIC' ? ` · ${t(`socialVis${post.visibility}`)}` : ''}
          </span>
        </div>
        {mine && !editing ? (
          <div class="post-actions">
            <button type="button" class="link" onClick={() => setEditing(true)}>
              {t('socialEdit')}
            </button>
            <button type="button" class="link danger-link" onClick={() => setConfirming(true)}>
              {t('socialDelete')}
            </button>
          </div>
        ) : null}
      </header>
      {confirming ? (
        <div class="post-confirm" role="alertdialog" aria-label={t('socialDeleteConfirm')}>
          <span>{t('socialDeleteConfirm')}</span>
          <button type="button" class="danger" onClick={() => void remove()}>
            {t('socialDelete')}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            {t('socialCancel')}
          </button>
        </div>
      ) : null}
      {editing ? (
        <EditPost
          post={post}
          onCancel={() => setEditing(false)}
          onSaved={(p) => {
            onChange(p);
            setEditing(false);
          }}
        />
      ) : post.text ? (
        <p class="post-text">
          <MentionText text={post.text} mentions={post.mentions} onNavigate={onNavigate} />
        </p>
      ) : null}
      <PostImages post={post} />
      {post.tags.length > 0 && !editing ? (
        <ul class="post-tags">
          {post.tags.map((tag) => (
            <li key={tag}>
              <Link href={tagPath(tag)} onNavigate={onNavigate}>
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <footer class="post-foot">
        <ReactionBar post={post} onChange={onChange} />
        <button
          type="button"
          class="link comments-toggle"
          aria-expanded={comments}
          onClick={() => setComments((c) => !c)}
        >
          {fill(t('socialComments'), { count: post.commentCount })}
        </button>
      </footer>
      {comments ? (
        <Comments
          post={post}
          onNavigate={onNavigate}
          onCount={(d) => onChange({ ...post, commentCount: Math.max(0, post.commentCount + d) })}
        />
      ) : null}
    </article>
  );
}

function EditPost({ post, onCancel, onSaved }: { post: Post; onCancel(): void; onSaved(p: Post): void }) {
  const { t } = useI18n();
  const social = useSocial();
  const [text, setText] = useState(post.text);
  const [tags, setTags] = useState(post.tags.join(' '));
  const [visibility, setVisibility] = useState<PostVisibility>(post.visibility);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mentions = useMentions<HTMLTextAreaElement>(text, setText, post.mentions);
  const problem = composerProblem({ text, tags, images: post.images.length, uploading: false });
  const save = async (e: Event) => {
    e.preventDefault();
    if (problem || busy) return;
    setBusy(true);
    try {
      const named = editedMentions(post, text, mentions.picked);
      onSaved(
        await social.update(post.id, {
          text,
          tags: parseTags(tags).tags,
          visibility,
          ...(named ? { mentions: named } : {}),
        }),
      );
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <form class="post-edit" onSubmit={(e) => void save(e)}>
      <MentionField picker={mentions.picker}>
        <textarea
          aria-label={t('socialComposerText')}
          rows={3}
          maxLength={POST_TEXT_MAX}
          value={text}
          {...mentions.field}
        />
      </MentionField>
      <input
        type="text"
        aria-label={t('socialTags')}
        placeholder={t('socialTags')}
        value={tags}
        onInput={(e) => setTags((e.target as HTMLInputElement).value)}
      />
      <div class="composer-row">
        <VisibilitySelect value={visibility} onChange={setVisibility} />
        <button type="button" class="secondary" onClick={onCancel}>
          {t('socialCancel')}
        </button>
        <button type="submit" class="primary" disabled={busy || problem !== null}>
          {t('socialSave')}
        </button>
      </div>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
