import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Message } from '../../../lib/wire.ts';
import {
  DEFAULT_WINDOW,
  type IdWindow,
  latestRange,
  type Range,
  slide,
  toIds,
  toRange,
} from '../state/list-window.ts';
import { toRows } from '../state/rows.ts';
import { type Timeline, visibleMessages } from '../state/timeline.ts';
import { EmoticonView } from './emoticon-view.tsx';
import { MessageRow } from './message-row.tsx';

interface Props {
  timeline: Timeline;
  loadingOlder: boolean;
  error: string | null;
  loadOlder(): void;
  retry(messageKey: string): void;
  me: number;
  /** message id -> members who have not read it. */
  unread: ReadonlyMap<number, number>;
  /** A member's presence; undefined for someone who is not a member. */
  online(userId: number): boolean | undefined;
  /** Changes when I send: the list goes to the latest message. */
  followSignal: number;
  /** Open the edit or unsend dialog for my message. */
  onReply?(m: Message): void;
  onHide?(m: Message): void;
  onEdit?(m: Message): void;
  onUnsend?(m: Message): void;
  /** Members' nicknames by id (the mentions of a message are marked with them). */
  nicknames?: ReadonlyMap<number, string>;
  /** The reactions members may use, and setting mine (null takes it back). */
  reactions?: readonly string[];
  onReact?(m: Message, reaction: string | null): void;
}

/** Where the reading position is held: a message's bubble and its offset from the top of the list. */
interface Anchor {
  seq: string;
  top: number;
  scrollTop: number;
}

/**
 * The messages as a windowed `role=log` (a bounded number of rows in the DOM, see
 * state/list-window.ts), kept at the bottom while the reader is there and in place otherwise
 * (older pages, window slides, new messages); a "jump to latest" button that counts and previews
 * what arrived while scrolled up.
 */
export function MessageList(p: Props) {
  const { t, lang, name } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const [win, setWin] = useState<IdWindow | null>(null); // null: follow the latest
  const [atBottom, setAtBottom] = useState(true);
  const [unseen, setUnseen] = useState<Message[]>([]);
  const stick = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const lastSeenId = useRef<number | null>(null);

  const messages = useMemo(() => visibleMessages(p.timeline), [p.timeline]);
  const ids = useMemo(() => messages.map((m) => m.id), [messages]);
  const rows = useMemo(() => toRows(messages), [messages]);
  const range: Range = win === null ? latestRange(ids.length) : toRange(ids, win);
  const atEnd = range.end === ids.length;
  const dayFormat = useMemo(
    () => new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'full' }),
    [lang],
  );

  const recordAnchor = () => {
    const el = list.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top;
    // The bubble, not its row: a row loses its name line when an older page puts a message of
    // the same sender above it, and the reader's eyes are on the bubble.
    for (const bubble of el.querySelectorAll<HTMLElement>('.bubble-row[data-seq]')) {
      const r = bubble.getBoundingClientRect();
      if (r.bottom > top) {
        anchor.current = { seq: bubble.dataset.seq ?? '', top: r.top - top, scrollTop: el.scrollTop };
        return;
      }
    }
    anchor.current = null;
  };

  // At the bottom: stay there. Otherwise the anchored row stays where the reader sees it,
  // whatever was added or removed above it (the reader's own scrolling since is kept).
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    if (stick.current) el.scrollTop = el.scrollHeight;
    else if (anchor.current) {
      const a = anchor.current;
      const row = el.querySelector<HTMLElement>(`.bubble-row[data-seq="${a.seq}"]`);
      if (row) {
        const now = row.getBoundingClientRect().top - el.getBoundingClientRect().top;
        el.scrollTop += now - (a.top - (el.scrollTop - a.scrollTop));
      }
    }
    recordAnchor();
  });

  /** Slides the window or loads an older page when the reader nears an edge. */
  const check = () => {
    const el = list.current;
    if (!el) return;
    const next = slide(range, ids.length, el, DEFAULT_WINDOW);
    if (next !== range) setWin(toIds(ids, next));
    else if (range.start === 0 && el.scrollTop < DEFAULT_WINDOW.edgePx && p.timeline.hasMore) p.loadOlder();
  };

  useEffect(check, [ids.length, range.start, range.end, p.timeline.hasMore, p.loadingOlder]);

  // New messages from others while scrolled up: counted and previewed on the jump button.
  const newest = messages.at(-1);
  useEffect(() => {
    if (!newest) return;
    const since = lastSeenId.current;
    lastSeenId.current = Math.max(since ?? 0, newest.id);
    if (since === null || stick.current) return;
    const fresh: Message[] = [];
    for (let i = messages.length - 1; i >= 0 && messages[i]!.id > since; i--) {
      if (messages[i]!.senderId !== p.me) fresh.unshift(messages[i]!);
    }
    if (fresh.length > 0) setUnseen((u) => [...u, ...fresh]);
  }, [newest?.id]);

  const jump = () => {
    stick.current = true;
    setWin(null);
    setUnseen([]);
    setAtBottom(true);
  };
  const firstSignal = useRef(p.followSignal);
  useEffect(() => {
    if (p.followSignal !== firstSignal.current) jump();
  }, [p.followSignal]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    const bottom = atEnd && el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    stick.current = bottom;
    setAtBottom(bottom);
    recordAnchor();
    if (bottom) {
      setUnseen((u) => (u.length === 0 ? u : []));
      if (win !== null) setWin(null);
      return;
    }
    const next = slide(range, ids.length, el, DEFAULT_WINDOW);
    // Reading history: the window is held by ids so that new messages do not move it.
    if (next !== range || win === null) setWin(toIds(ids, next));
    if (next === range) check();
  };

  const latestUnseen = unseen.at(-1);
  return (
    <div class="log-wrap">
      <div
        class="messages"
        ref={list}
        onScroll={onScroll}
        role="log"
        // Announced while reading at the bottom; scrolled up, rows entering the window are not
        // news: the jump button's live region announces new messages instead.
        aria-live={atBottom ? 'polite' : 'off'}
        aria-label={t('messages')}
      >
        {p.loadingOlder ? <p class="loading">{t('loadingOlder')}</p> : null}
        {p.error ? (
          <p class="field-error" role="alert">
            {p.error}
          </p>
        ) : null}
        {rows.slice(range.start, range.end).map((row) => (
          <MessageRow
            key={row.message.id}
            row={row}
            mine={row.message.senderId === p.me}
            unread={p.unread.get(row.message.id) ?? 0}
            online={p.online(row.message.senderId)}
            day={(ts) => dayFormat.format(ts)}
            actions={
              p.onReply && row.message.type !== 'SYSTEM'
                ? {
                    onReply: () => p.onReply?.(row.message),
                    onHide: () => p.onHide?.(row.message),
                    ...(row.message.senderId === p.me && row.message.type === 'TEXT'
                      ? { onEdit: () => p.onEdit?.(row.message), onUnsend: () => p.onUnsend?.(row.message) }
                      : row.message.senderId === p.me && row.message.type === 'EMOTICON'
                        ? { onUnsend: () => p.onUnsend?.(row.message) }
                        : {}),
                  }
                : undefined
            }
            mentioned={
              row.message.mentions?.length
                ? {
                    names: row.message.mentions.flatMap((id) => p.nicknames?.get(id) ?? []),
                    me: row.message.mentions.includes(p.me),
                  }
                : undefined
            }
            react={
              p.onReact && row.message.type !== 'SYSTEM'
                ? {
                    me: p.me,
                    reactions: p.reactions ?? [],
                    onReact: (reaction) => p.onReact?.(row.message, reaction),
                  }
                : undefined
            }
          />
        ))}
        {atEnd && p.timeline.pending.length > 0 ? (
          <div class="msg mine start">
            <div class="msg-body">
              {p.timeline.pending.map((x) => (
                <div key={x.messageKey} class={`bubble-row ${x.status}`}>
                  {x.emoticon && !x.replyTo ? (
                    <EmoticonView emoticon={x.emoticon} />
                  ) : (
                    <p class="bubble">
                      {x.replyTo ? (
                        <span class="quote">
                          <span class="quote-sender">{name(x.replyTo.senderNickname)}</span>
                          <span class="quote-text">{x.replyTo.content}</span>
                        </span>
                      ) : null}
                      {x.emoticon ? <EmoticonView emoticon={x.emoticon} /> : x.content}
                    </p>
                  )}
                  {x.status === 'failed' ? (
                    <span class="status">
                      {t('failed')}{' '}
                      <button type="button" class="link" onClick={() => p.retry(x.messageKey)}>
                        {t('retry')}
                      </button>
                    </span>
                  ) : (
                    <span class="status">{t('sending')}</span>
                  )}
                </div>
              ))}
            </div>
          </div>
        ) : null}
      </div>
      <div class="jump-area" aria-live="polite">
        {atBottom ? null : (
          <button
            type="button"
            class={`jump${latestUnseen ? ' has-new' : ''}`}
            onClick={jump}
            aria-label={latestUnseen ? undefined : t('jumpToLatest')}
          >
            {latestUnseen ? (
              <>
                <span class="jump-preview">
                  {latestUnseen.senderNickname}: {latestUnseen.content}
                </span>
                <span class="jump-count">{t('newMessages').replace('{n}', String(unseen.length))}</span>
              </>
            ) : (
              '↓'
            )}
          </button>
        )}
      </div>
    </div>
  );
}
