import { useI18n } from '../../../i18n/i18n.ts';
import type { Row } from '../state/rows.ts';
import { MemberAvatar } from './member-avatar.tsx';

interface Props {
  row: Row;
  mine: boolean;
  /** Members who have not read it yet (KakaoTalk's yellow number); 0 hides it. */
  unread: number;
  /** The sender's presence, undefined when not a member (any more). */
  online: boolean | undefined;
  day(timestamp: number): string;
}

/** One message: the day separator above it when it opens a day, name and avatar when it opens a group. */
export function MessageRow({ row, mine, unread, online, day }: Props) {
  const { t, time } = useI18n();
  const m = row.message;
  return (
    <div class="row" data-id={m.id}>
      {row.dayStart ? (
        <p class="day-sep">
          <time dateTime={m.createdAt.slice(0, 10)}>{day(m.timestamp)}</time>
        </p>
      ) : null}
      <div class={`msg ${mine ? 'mine' : 'theirs'}${row.groupStart ? ' start' : ''}`}>
        {mine ? null : row.groupStart ? (
          <MemberAvatar name={m.senderNickname} online={online} />
        ) : (
          <span class="avatar-gap" />
        )}
        <div class="msg-body">
          {!mine && row.groupStart ? (
            <span class="sender">
              {m.senderNickname}
              {online === undefined ? null : (
                <span class="sr-only"> ({online ? t('presenceOnline') : t('presenceOffline')})</span>
              )}
            </span>
          ) : null}
          <div class="bubble-row" data-seq={m.seq}>
            <p class="bubble">{m.content}</p>
            <span class="meta">
              {unread > 0 ? (
                <span class="unread-count" data-testid="message-unread">
                  {unread}
                  <span class="sr-only">{t('notReadBy')}</span>
                </span>
              ) : null}
              {row.groupEnd ? (
                <time class="time" dateTime={m.createdAt}>
                  {time(m.createdAt)}
                </time>
              ) : null}
            </span>
          </div>
        </div>
      </div>
    </div>
  );
}
