// A post's comments, oldest first, with one level of replies: write, reply, delete (mine, or
// any on my post), and more by cursor.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import type { Comment, Post } from '../api/types.ts';
import { useSocial } from '../hooks/use-social.ts';
import { fill } from '../state/fill.ts';
import { profilePath } from '../state/routes.ts';
import { CommentForm } from './comment-form.tsx';
import { Link } from './link.tsx';
import { MentionText } from './mention-text.tsx';

interface Props {
  post: Post;
  onCount(delta: number): void;
  onNavigate(path: string): void;
}

export function Comments({ post, onCount, onNavigate }: Props) {
  const { t } = useI18n();
  const social = useSocial();
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadingMore = useOneAtATime();

  useEffect(() => {
    let live = true;
    social
      .comments(post.id)
      .then((p) => {
        if (!live) return;
        setComments(p.comments);
        setNext(p.nextCursor);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [social, post.id]);

  const more = () =>
    next !== null &&
    loadingMore.run(() =>
      social
        .comments(post.id, next)
        .then((p) => {
          setComments((c) => [...(c ?? []), ...p.comments.filter((x) => !c?.some((y) => y.id === x.id))]);
          setNext(p.nextCursor);
        })
        .catch((e: Error) => setError(e.message)),
    );

  return (
    <div class="comments">
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {comments === null ? null : comments.length === 0 ? (
        <p class="comments-empty">{t('socialNoComments')}</p>
      ) : (
        <ul class="comment-list" aria-label={fill(t('socialComments'), { count: post.commentCount })}>
          {comments.map((c) => (
            <li key={c.id}>
              <CommentItem
                post={post}
                comment={c}
                onNavigate={onNavigate}
                onCount={onCount}
                onDeleted={() => {
                  setComments((cs) => cs?.filter((x) => x.id !== c.id) ?? null);
                  onCount(-1 - c.replyCount);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {next !== null ? (
        <button type="button" class="link" aria-disabled={loadingMore.busy} onClick={() => void more()}>
          {t('socialMore')}
        </button>
      ) : null}
      <CommentForm
        label={t('socialCommentLabel')}
        onSend={async (text, mentions) => {
          const c = await social.comment(post.id, { text, mentions });
          setComments((cs) => [...(cs ?? []), c]);
          onCount(1);
        }}
      />
    </div>
  );
}

function CommentItem({
  post,
  comment,
  onNavigate,
  onCount,
  onDeleted,
}: {
  post: Post;
  comment: Comment;
  onNavigate(path: string): void;
  onCount(delta: number): void;
  onDeleted(): void;
}) {
  const { t } = useI18n();
  const social = useSocial();
  const [replies, setReplies] = useState<Comment[] | null>(null);
  const [replyCount, setReplyCount] = useState(comment.replyCount);
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const showReplies = () =>
    social
      .replies(post.id, comment.id, null)
      .then((p) => setReplies(p.comments))
      .catch((e: Error) => setError(e.message));

  return (
    <div class="comment">
      <CommentLine post={post} comment={comment} onNavigate={onNavigate} onDeleted={onDeleted} />
      <div class="comment-actions">
        <button type="button" class="link" onClick={() => setReplying((r) => !r)} aria-expanded={replying}>
          {t('socialReply')}
        </button>
        {replyCount > 0 && replies === null ? (
          <button type="button" class="link" onClick={() => void showReplies()}>
            {fill(t('socialReplies'), { count: replyCount })}
          </button>
        ) : null}
      </div>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {replies && replies.length > 0 ? (
        <ul class="reply-list">
          {replies.map((r) => (
            <li key={r.id}>
              <CommentLine
                post={post}
                comment={r}
                onNavigate={onNavigate}
                onDeleted={() => {
                  setReplies((rs) => rs?.filter((x) => x.id !== r.id) ?? null);
                  setReplyCount((n) => n - 1);
                  onCount(-1);
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {replying ? (
        <CommentForm
          label={t('socialReplyLabel')}
          autoFocus
          onSend={async (text, mentions) => {
            const r = await social.comment(post.id, { text, parentId: comment.id, mentions });
            const shown =
              replies ?? (replyCount > 0 ? (await social.replies(post.id, comment.id)).comments : []);
            setReplies([...shown.filter((x) => x.id !== r.id), r]);
            setReplyCount((n) => n + 1);
            setReplying(false);
            onCount(1);
          }}
        />
      ) : null}
    </div>
  );
}

function CommentLine({
  post,
  comment,
  onNavigate,
  onDeleted,
}: {
  post: Post;
  comment: Comment;
  onNavigate(path: string): void;
  onDeleted(): void;
}) {
  const { t, name } = useI18n();
  const { me } = useServices();
  const social = useSocial();
  const mayDelete = comment.author.id === me.userId || post.author.id === me.userId;
  return (
    <div class="comment-line">
      <Avatar name={comment.author.nickname} imageUrl={comment.author.profileImageUrl} size="sm" />
      <div class="comment-body">
        <Link class="post-author" href={profilePath(comment.author.id)} onNavigate={onNavigate}>
          {name(comment.author.nickname)}
        </Link>{' '}
        <span class="comment-text">
          <MentionText text={comment.text} mentions={comment.mentions} onNavigate={onNavigate} />
        </span>
      </div>
      {mayDelete ? (
        <button
          type="button"
          class="icon comment-delete"
          aria-label={t('socialDeleteComment')}
          onClick={() =>
            void social
              .deleteComment(post.id, comment.id)
              .then(onDeleted)
              .catch(() => {})
          }
        >
          ×
        </button>
      ) : null}
    </div>
  );
}
