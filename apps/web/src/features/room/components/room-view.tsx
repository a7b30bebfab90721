import type { ComponentChildren } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { Message, MessageEmoticon } from '../../../lib/wire.ts';
import { useLastSeen } from '../hooks/use-last-seen.ts';
import { useMarkRead } from '../hooks/use-mark-read.ts';
import { usePresence } from '../hooks/use-presence.ts';
import { useReactionSet } from '../hooks/use-reaction-set.ts';
import { useReadPositions } from '../hooks/use-read-positions.ts';
import { useTimeline } from '../hooks/use-timeline.ts';
import { useTyping } from '../hooks/use-typing.ts';
import { useUploads } from '../hooks/use-uploads.ts';
import { roomDraft, sessionDrafts } from '../state/drafts.ts';
import { lastSeenLabel } from '../state/last-seen.ts';
import { unreadCounts } from '../state/read-positions.ts';
import { quoteOf } from '../state/timeline.ts';
import { filesOf } from '../state/uploads.ts';
import { EditDialog, UnsendDialog } from './change-dialogs.tsx';
import { Composer } from './composer.tsx';
import { MessageList } from './message-list.tsx';
import { PushPrompt } from './push-prompt.tsx';
import { TypingLine } from './typing-line.tsx';
import { UploadList } from './upload-list.tsx';

interface Props {
  roomId: number;
  title: string;
  onBack(): void;
  /** The room was read up to its newest message. */
  onRead(roomId: number): void;
  /** The owner closed the room: readable, no composer. */
  closed?: boolean;
  /** A 1:1 room's other person: the header says whether they are online, or when last seen. */
  peerId?: number | undefined;
  /** The members panel, toggled from the header (composed by the app). */
  renderMembers?: () => ComponentChildren;
  /** Search in this room, toggled from the header (composed by the app). */
  renderSearch?: () => ComponentChildren;
  /** The composer's emoticon panel (composed by the app): `pick` sends the chosen emoticon. */
  renderEmoticons?: (pick: (emoticon: MessageEmoticon) => void) => ComponentChildren;
  /** The notification bell, at the header's end on narrow screens (composed by the app). */
  bell?: ComponentChildren;
}

export function RoomView({
  roomId,
  title,
  onBack,
  onRead,
  renderMembers,
  renderSearch,
  renderEmoticons,
  closed = false,
  peerId,
  bell,
}: Props) {
  /** The header's panel that is open: members, search, or none. */
  const [panel, setPanel] = useState<'members' | 'search' | null>(null);
  const showMembers = panel === 'members';
  const toggle = (which: 'members' | 'search') => setPanel(panel === which ? null : which);
  const services = useServices();
  const { t, lang } = useI18n();
  const me = services.me.userId;
  const {
    timeline,
    loadingOlder,
    error,
    loadOlder,
    send,
    sendEmoticon,
    refusal,
    dismissRefusal,
    retry,
    edit,
    unsend,
    react,
    hide,
  } = useTimeline(services, roomId);
  const reactionSet = useReactionSet(services);
  const [reactError, setReactError] = useState<string | null>(null);
  const [replyingTo, setReplyingTo] = useState<Message | null>(null);
  const [changing, setChanging] = useState<{ kind: 'edit' | 'unsend'; message: Message } | null>(null);
  const { members, positions, readByMe } = useReadPositions(services, roomId);
  const online = usePresence(services, roomId);
  const lastSeen = useLastSeen(services, roomId);
  const last = timeline.messages.at(-1);
  const typing = useTyping(services, roomId, last);
  const draft = useMemo(() => roomDraft(sessionDrafts(), me, roomId), [me, roomId]);
  const [followSignal, setFollowSignal] = useState(0);
  // An upload the server took goes out as a message at once (IMAGE or FILE, its name as content).
  const {
    uploads,
    add: addFiles,
    cancel: cancelUpload,
  } = useUploads(services, roomId, (a) => {
    setFollowSignal((n) => n + 1);
    send(a.name, undefined, { id: a.id, kind: a.kind });
  });
  const [dropping, setDropping] = useState(false);
  /** I sent something here: the moment to offer notifications (never on first load). */
  const [sentHere, setSentHere] = useState(false);
  const markedRead = useCallback(
    (messageId: number) => {
      readByMe(me, messageId);
      onRead(roomId);
    },
    [readByMe, me, onRead, roomId],
  );
  useMarkRead(services, roomId, timeline.messages, markedRead);

  const unread = useMemo(() => unreadCounts(positions, timeline.messages), [positions, timeline.messages]);
  const memberIds = useMemo(() => new Set(members.map((m) => m.userId)), [members]);
  const nicknames = useMemo(() => new Map(members.map((m) => [m.userId, m.nickname])), [members]);
  const presenceOf = useCallback(
    (userId: number) => (memberIds.has(userId) ? online.has(userId) : undefined),
    [memberIds, online],
  );

  return (
    <section
      class={`room${dropping ? ' dropping' : ''}`}
      aria-label={title}
      onDragOver={(e) => {
        if (closed || !e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => {
        // Leaving for a child is no leaving; leaving the room (or the window) is.
        const to = e.relatedTarget as Node | null;
        if (!to || !e.currentTarget.contains(to)) setDropping(false);
      }}
      onDrop={(e) => {
        setDropping(false);
        const files = filesOf(e.dataTransfer);
        if (closed || files.length === 0) return;
        e.preventDefault();
        addFiles(files);
      }}
    >
      {dropping ? (
        <p class="drop-hint" aria-hidden="true">
          {t('dropFiles')}
        </p>
      ) : null}
      <header class="room-header">
        <button type="button" class="icon back" onClick={onBack} aria-label={t('back')}>
          ‹
        </button>
        <div class="room-heading">
          <h2>{title}</h2>
          {peerId === undefined ? null : (
            <p class="room-sub" data-testid="peer-status">
              {online.has(peerId)
                ? t('presenceOnline')
                : lastSeen.has(peerId)
                  ? `${t('lastSeen')} ${lastSeenLabel(lastSeen.get(peerId)!, Date.now(), lang)}`
                  : ''}
            </p>
          )}
        </div>
        {renderSearch ? (
          <button
            type="button"
            class="secondary members-toggle"
            aria-expanded={panel === 'search'}
            onClick={() => toggle('search')}
          >
            {t('search')}
          </button>
        ) : null}
        {renderMembers ? (
          <button
            type="button"
            class="secondary members-toggle"
            aria-expanded={showMembers}
            onClick={() => toggle('members')}
          >
            {t('members')}
          </button>
        ) : null}
        {bell}
      </header>
      {showMembers && renderMembers ? renderMembers() : null}
      {panel === 'search' && renderSearch ? renderSearch() : null}
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
        onReply={(message) => setReplyingTo(message)}
        onHide={(message) => {
          setReactError(null);
          hide(message.id).catch((e: Error) => setReactError(e.message));
        }}
        onEdit={(message) => setChanging({ kind: 'edit', message })}
        onUnsend={(message) => setChanging({ kind: 'unsend', message })}
        nicknames={nicknames}
        reactions={reactionSet}
        onReact={(message, reaction) => {
          setReactError(null);
          react(message.id, reaction).catch((e: Error) => setReactError(e.message));
        }}
      />
      {reactError ? (
        <p class="field-error room-error" role="alert">
          {reactError}
        </p>
      ) : null}
      {refusal === 'EMOTICON_NOT_OWNED' ? (
        <p class="field-error room-error" role="alert">
          {t('emoticonNotOwned')}{' '}
          <button type="button" class="link" onClick={dismissRefusal}>
            {t('close')}
          </button>
        </p>
      ) : null}
      {changing?.kind === 'edit' ? (
        <EditDialog
          message={changing.message}
          onSave={(content) => edit(changing.message.id, content)}
          onClose={() => setChanging(null)}
        />
      ) : null}
      {changing?.kind === 'unsend' ? (
        <UnsendDialog onConfirm={() => unsend(changing.message.id)} onClose={() => setChanging(null)} />
      ) : null}
      <TypingLine typists={typing.typists} />
      <UploadList uploads={uploads} onCancel={cancelUpload} />
      <PushPrompt afterSend={sentHere} />
      {closed ? (
        <p class="closed-notice" role="status">
          {t('roomClosedNotice')}
        </p>
      ) : (
        <Composer
          onFiles={addFiles}
          draft={draft}
          onTyping={typing.notify}
          replyTo={replyingTo}
          members={members}
          me={me}
          onCancelReply={() => setReplyingTo(null)}
          emoticons={
            renderEmoticons
              ? {
                  render: renderEmoticons,
                  onSend: (emoticon) => {
                    setSentHere(true);
                    setFollowSignal((n) => n + 1);
                    sendEmoticon(emoticon);
                  },
                }
              : undefined
          }
          onSend={(content) => {
            setSentHere(true);
            typing.sent();
            setFollowSignal((n) => n + 1);
            send(content, replyingTo ? quoteOf(replyingTo) : undefined);
            setReplyingTo(null);
          }}
        />
      )}
    </section>
  );
}
