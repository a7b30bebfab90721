import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { usePresence } from '../hooks/use-presence.ts';
import { useReadPositions } from '../hooks/use-read-positions.ts';
import { useTimeline } from '../hooks/use-timeline.ts';
import { useTyping } from '../hooks/use-typing.ts';
import { roomDraft, sessionDrafts } from '../state/drafts.ts';
import { unreadCounts } from '../state/read-positions.ts';
import { Composer } from './composer.tsx';
import { MessageList } from './message-list.tsx';
import { TypingLine } from './typing-line.tsx';

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
  const { t } = useI18n();
  const me = services.me.userId;
  const { timeline, loadingOlder, error, loadOlder, send, retry } = useTimeline(services, roomId);
  const { members, positions, readByMe } = useReadPositions(services, roomId);
  const online = usePresence(services, roomId);
  const last = timeline.messages.at(-1);
  const typing = useTyping(services, roomId, last);
  const draft = useMemo(() => roomDraft(sessionDrafts(), me, roomId), [me, roomId]);
  const [followSignal, setFollowSignal] = useState(0);
  const marked = useRef(0);

  useEffect(() => {
    if (!last || last.id <= marked.current) return;
    marked.current = last.id;
    readByMe(me, last.id);
    const body = { roomId, lastReadMessageId: last.id };
    const viaHttp = () =>
      services.api.request('POST', `/api/rooms/${roomId}/read`, { lastReadMessageId: last.id });
    services.realtime
      .send('/app/chat.read', body)
      .catch(viaHttp)
      .catch(() => {});
    onRead(roomId);
  }, [last, roomId, services, onRead, me, readByMe]);

  const unread = useMemo(() => unreadCounts(positions, timeline.messages), [positions, timeline.messages]);
  const memberIds = useMemo(() => new Set(members.map((m) => m.userId)), [members]);
  const presenceOf = useCallback(
    (userId: number) => (memberIds.has(userId) ? online.has(userId) : undefined),
    [memberIds, online],
  );

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
      <MessageList
        timeline={timeline}
        loadingOlder={loadingOlder}
        error={error}
        loadOlder={loadOlder}
        retry={(key) => void retry(key)}
        me={me}
        unread={unread}
        online={presenceOf}
        followSignal={followSignal}
      />
      <TypingLine typists={typing.typists} />
      <Composer
        draft={draft}
        onTyping={typing.notify}
        onSend={(content) => {
          typing.sent();
          setFollowSignal((n) => n + 1);
          send(content);
        }}
      />
    </section>
  );
}
