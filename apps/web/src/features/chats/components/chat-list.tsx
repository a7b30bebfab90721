import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { RoomSummary } from '../../../lib/wire.ts';
import { roomTitle } from '../state/chat-list.ts';

interface Props {
  rooms: readonly RoomSummary[] | null;
  error: string | null;
  openRoomId: number | null;
  onOpen(roomId: number): void;
}

export function ChatList({ rooms, error, openRoomId, onOpen }: Props) {
  const { t, time, name } = useI18n();
  if (error)
    return (
      <p class="empty" role="alert">
        {error}
      </p>
    );
  if (!rooms) return <p class="empty">…</p>;
  if (rooms.length === 0) return <p class="empty">{t('noChats')}</p>;
  return (
    <ul class="room-list" aria-label={t('chats')}>
      {rooms.map((r) => {
        const title = name(roomTitle(r));
        return (
          <li key={r.id}>
            <a
              class={`room-item${openRoomId === r.id ? ' active' : ''}`}
              href={`/rooms/${r.id}`}
              aria-current={openRoomId === r.id ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                onOpen(r.id);
              }}
            >
              <Avatar name={title} />
              <span class="room-main">
                <span class="room-title">
                  {title}
                  {r.type === 'GROUP' ? <span class="room-count"> {r.memberCount}</span> : null}
                  {r.pinned ? (
                    <span class="room-flag" title={t('pinnedLabel')}>
                      {' '}
                      <span aria-hidden="true">📌</span>
                      <span class="sr-only">{t('pinnedLabel')}</span>
                    </span>
                  ) : null}
                  {r.muted ? (
                    <span class="room-flag" title={t('mutedLabel')}>
                      {' '}
                      <span aria-hidden="true">🔕</span>
                      <span class="sr-only">{t('mutedLabel')}</span>
                    </span>
                  ) : null}
                  {r.closedAt ? <span class="room-count"> ({t('closedLabel')})</span> : null}
                </span>
                <span class="room-preview">
                  {r.lastMessage?.hidden
                    ? ''
                    : r.lastMessage?.deletedAt
                      ? t('messageUnsent')
                      : (r.lastMessage?.content ?? '')}
                </span>
              </span>
              <span class="room-meta">
                <span class="room-time">{r.lastMessage ? time(r.lastMessage.createdAt) : ''}</span>
                {(r.unreadMentionCount ?? 0) > 0 ? (
                  <span class="badge mention-badge" data-testid="mention-badge">
                    @<span class="sr-only"> {t('mentionsMe')} </span>
                    {r.unreadMentionCount}
                  </span>
                ) : null}
                {r.unreadCount > 0 ? (
                  <span class="badge" data-testid="unread-badge">
                    <span class="sr-only">{t('unread')} </span>
                    {r.unreadCount > 999 ? '999+' : r.unreadCount}
                  </span>
                ) : null}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
