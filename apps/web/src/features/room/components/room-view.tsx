import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useTimeline } from '../hooks/use-timeline.ts';
import { groupMessages } from '../state/grouping.ts';
import { Composer } from './composer.tsx';

interface Props {
  roomId: number;
  title: string;
  onBack(): void;
  /** The room was read up to its newest message. */
  onRead(roomId: number): void;
  /** The members panel, toggled from the header (composed by the app). */
  renderMembers?: () => ComponentChildren;
}

export function RoomView({ roomId, title, onBack, onRead, renderMembers }: Props) {
  const [showMembers, setShowMembers] = useState(false);
  const services = useServices();
  const { t, time } = useI18n();
  const { timeline, loadingOlder, error, loadOlder, send, retry } = useTimeline(services, roomId);
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const prevHeight = useRef(0);
  const marked = useRef(0);
  const first = timeline.messages[0]?.id;
  const last = timeline.messages.at(-1);

  // Keep the view at the bottom for new messages, and in place when older ones are added above.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    if (stick.current) el.scrollTop = el.scrollHeight;
    else el.scrollTop += el.scrollHeight - prevHeight.current;
    prevHeight.current = el.scrollHeight;
  });

  useEffect(() => {
    if (!last || last.id <= marked.current) return;
    marked.current = last.id;
    const body = { roomId, lastReadMessageId: last.id };
    const viaHttp = () =>
      services.api.request('POST', `/api/rooms/${roomId}/read`, { lastReadMessageId: last.id });
    services.realtime
      .send('/app/chat.read', body)
      .catch(viaHttp)
      .catch(() => {});
    onRead(roomId);
  }, [last, roomId, services, onRead]);

  // A short history might not fill the screen: keep loading until it scrolls or ends.
  useEffect(() => {
    const el = list.current;
    if (el && timeline.hasMore && first !== undefined && el.scrollHeight <= el.clientHeight) void loadOlder();
  }, [first, timeline.hasMore, loadOlder]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    prevHeight.current = el.scrollHeight;
    if (el.scrollTop < 120) void loadOlder();
  };

  const me = services.me.userId;
  return (
    <section class="room" aria-label={title}>
      <header class="room-header">
        <button type="button" class="icon back" onClick={onBack} aria-label={t('back')}>
          ‹
        </button>
        <h2>{title}</h2>
        {renderMembers ? (
          <button
            type="button"
            class="secondary members-toggle"
            aria-expanded={showMembers}
            onClick={() => setShowMembers(!showMembers)}
          >
            {t('members')}
          </button>
        ) : null}
      </header>
      {showMembers && renderMembers ? renderMembers() : null}
      <div
        class="messages"
        ref={list}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-label={t('messages')}
      >
        {loadingOlder ? <p class="loading">{t('loadingOlder')}</p> : null}
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {groupMessages(timeline.messages).map((g) => {
          const mine = g.senderId === me;
          return (
            <div key={g.messages[0]!.id} class={`group ${mine ? 'mine' : 'theirs'}`}>
              {mine ? null : <Avatar name={g.senderNickname} size="sm" />}
              <div class="group-body">
                {mine ? null : <span class="sender">{g.senderNickname}</span>}
                {g.messages.map((m, i) => (
                  <div key={m.id} class="bubble-row" data-seq={m.seq}>
                    <p class="bubble">{m.content}</p>
                    {i === g.messages.length - 1 ? (
                      <time class="time" dateTime={m.createdAt}>
                        {time(m.createdAt)}
                      </time>
                    ) : null}
                  </div>
                ))}
              </div>
            </div>
          );
        })}
        {timeline.pending.length > 0 ? (
          <div class="group mine">
            <div class="group-body">
              {timeline.pending.map((p) => (
                <div key={p.messageKey} class={`bubble-row ${p.status}`}>
                  <p class="bubble">{p.content}</p>
                  {p.status === 'failed' ? (
                    <span class="status">
                      {t('failed')}{' '}
                      <button type="button" class="link" onClick={() => void retry(p.messageKey)}>
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
      <Composer onSend={send} />
    </section>
  );
}
