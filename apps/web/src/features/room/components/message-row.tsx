import { useI18n } from '../../../i18n/i18n.ts';
import { mentionParts } from '../state/mentions.ts';
import type { Row } from '../state/rows.ts';
import { giftMessage, systemText } from '../state/system-text.ts';
import { AttachmentView } from './attachment-view.tsx';
import { EmoticonView } from './emoticon-view.tsx';
import { MemberAvatar } from './member-avatar.tsx';
import { MessageActions } from './message-actions.tsx';
import { ReactionBar, ReactionPicker } from './reaction-bar.tsx';

interface Props {
  row: Row;
  mine: boolean;
  /** Members who have not read it yet (KakaoTalk's yellow number); 0 hides it. */
  unread: number;
  /** The sender's presence, undefined when not a member (any more). */
  online: boolean | undefined;
  day(timestamp: number): string;
  /** My message that may still change: its menu (edit, unsend). */
  actions?:
    | {
        onReply(): void;
        onHide(): void;
        onEdit?: (() => void) | undefined;
        onUnsend?: (() => void) | undefined;
      }
    | undefined;
  /** The nicknames of the members it mentions (marked in the text), and whether I am one. */
  mentioned?: { names: readonly string[]; me: boolean } | undefined;
  /** Reacting: me, the reactions to pick from, and what to ask for. */
  react?: { me: number; reactions: readonly string[]; onReact(reaction: string | null): void } | undefined;
}

/** One message: the day separator above it when it opens a day, name and avatar when it opens a group. */
export function MessageRow({ row, mine, unread, online, day, actions, react, mentioned }: Props) {
  const { t, time, name } = useI18n();
  const m = row.message;
  const daySeparator = row.dayStart ? (
    <p class="day-sep">
      <time dateTime={m.createdAt.slice(0, 10)}>{day(m.timestamp)}</time>
    </p>
  ) : null;
  if (m.type === 'SYSTEM') {
    const gift = giftMessage(m);
    return (
      <div class="row" data-id={m.id}>
        {daySeparator}
        <p class={`system-msg${m.system?.event === 'GIFT_SENT' ? ' gift' : ''}`} data-system-seq={m.seq}>
          {systemText(m, t)}
          {gift ? <span class="gift-message">“{gift}”</span> : null}
        </p>
      </div>
    );
  }
  return (
    <div class="row" data-id={m.id}>
      {daySeparator}
      <div class={`msg ${mine ? 'mine' : 'theirs'}${row.groupStart ? ' start' : ''}`}>
        {mine ? null : row.groupStart ? (
          <MemberAvatar name={name(m.senderNickname)} online={online} />
        ) : (
          <span class="avatar-gap" />
        )}
        <div class="msg-body">
          {!mine && row.groupStart ? (
            <span class="sender">
              {name(m.senderNickname)}
              {online === undefined ? null : (
                <span class="sr-only"> ({online ? t('presenceOnline') : t('presenceOffline')})</span>
              )}
            </span>
          ) : null}
          <div class="bubble-row" data-seq={m.seq}>
            {m.deletedAt ? (
              <p class="bubble unsent">{t('messageUnsent')}</p>
            ) : m.type === 'EMOTICON' && m.emoticon && !m.replyTo ? (
              <EmoticonView emoticon={m.emoticon} />
            ) : (
              <p class={`bubble${mentioned?.me ? ' mentions-me' : ''}`}>
                {m.replyTo ? (
                  <span class="quote">
                    <span class="quote-sender">{name(m.replyTo.senderNickname)}</span>
                    <span class="quote-text">
                      {m.replyTo.deletedAt ? t('messageUnsent') : m.replyTo.content}
                    </span>
                  </span>
                ) : null}
                {m.attachment ? (
                  <AttachmentView attachment={m.attachment} />
                ) : m.emoticon ? (
                  <EmoticonView emoticon={m.emoticon} />
                ) : mentioned ? (
                  mentionParts(m.content, mentioned.names).map((part, i) =>
                    part.mention ? (
                      <strong key={i} class="mention">
                        {part.text}
                      </strong>
                    ) : (
                      part.text
                    ),
                  )
                ) : (
                  m.content
                )}
              </p>
            )}
            <span class="meta">
              {!m.deletedAt && (react || actions) ? (
                <span class="msg-tools">
                  {react && react.reactions.length > 0 ? <ReactionPicker message={m} {...react} /> : null}
                  {actions ? <MessageActions {...actions} /> : null}
                </span>
              ) : null}
              {unread > 0 ? (
                <span class="unread-count" data-testid="message-unread">
                  {unread}
                  <span class="sr-only">{t('notReadBy')}</span>
                </span>
              ) : null}
              {m.editedAt && !m.deletedAt ? <span class="edited">{t('edited')}</span> : null}
              {row.groupEnd ? (
                <time class="time" dateTime={m.createdAt}>
                  {time(m.createdAt)}
                </time>
              ) : null}
            </span>
          </div>
          {react && !m.deletedAt ? <ReactionBar message={m} me={react.me} onReact={react.onReact} /> : null}
        </div>
      </div>
    </div>
  );
}
