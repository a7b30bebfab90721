// A room's members: nickname, role, avatar; a member's profile; invite (group rooms); leave.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { PeoplePicker } from '../../../components/people-picker/people-picker.tsx';
import { emptySelection, pickedIds } from '../../../components/people-picker/selection.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { RoomDetail, RoomSummary } from '../../../lib/wire.ts';
import { MemberTools, OwnerTools, RoomSettings } from './room-admin.tsx';

interface Props {
  roomId: number;
  onOpenProfile(userId: number): void;
  /** I left the room (it is gone from my list). */
  onLeft(roomId: number): void;
  /** The room as my list shows it (my settings). */
  summary?: RoomSummary | undefined;
  /** My settings changed: the new list item; hidden: it left my list. */
  onSettings?(summary: RoomSummary, hidden: boolean): void;
}

export function MembersPanel({ roomId, onOpenProfile, onLeft, summary, onSettings }: Props) {
  const { t, name } = useI18n();
  const { api, me } = useServices();
  const [room, setRoom] = useState<RoomDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const load = useCallback(async () => {
    try {
      setRoom(await api.request<RoomDetail>('GET', `/api/rooms/${roomId}`));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, roomId]);
  useEffect(() => {
    void load();
  }, [load]);

  /** I own this open group room: its administration shows. */
  const owner =
    room?.type === 'GROUP' &&
    !room.closedAt &&
    room.members.some((m) => m.userId === me.userId && m.role === 'OWNER');

  const leave = async () => {
    try {
      await api.request('DELETE', `/api/rooms/${roomId}/members/me`);
      onLeft(roomId);
    } catch (e) {
      setError((e as Error).message);
      setConfirmLeave(false);
    }
  };

  return (
    <aside class="members-panel" aria-label={t('members')}>
      <h3 class="panel-title">
        {t('members')} {room ? <span class="room-count">{room.members.length}</span> : null}
      </h3>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul class="member-list" aria-label={t('members')}>
        {(room?.members ?? []).map((m) => (
          <li key={m.userId}>
            <button type="button" class="member" onClick={() => onOpenProfile(m.userId)}>
              <Avatar name={name(m.nickname)} size="sm" />
              <span class="room-main">
                <span class="room-title">
                  {name(m.nickname)}
                  {m.userId === me.userId ? <span class="room-count"> ({t('me')})</span> : null}
                </span>
                <span class="room-preview">{roleLabel(m.role, t)}</span>
              </span>
            </button>
            {owner && m.userId !== me.userId ? (
              <MemberTools roomId={roomId} member={m} onRoom={(r) => (r ? setRoom(r) : void load())} />
            ) : null}
          </li>
        ))}
      </ul>
      {room && owner ? <OwnerTools room={room} onRoom={setRoom} /> : null}
      {onSettings ? <RoomSettings roomId={roomId} summary={summary} onChanged={onSettings} /> : null}
      {room?.type === 'GROUP' && !room.closedAt ? (
        inviting ? (
          <Invite
            roomId={roomId}
            memberIds={room.members.map((m) => m.userId)}
            onDone={(r) => {
              if (r) setRoom(r);
              setInviting(false);
            }}
          />
        ) : (
          <button type="button" class="secondary" onClick={() => setInviting(true)}>
            {t('invite')}
          </button>
        )
      ) : null}
      {confirmLeave ? (
        <div class="confirm">
          <p role="alert">{t('leaveConfirm')}</p>
          <button type="button" class="danger" onClick={() => void leave()}>
            {t('leave')}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirmLeave(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="link danger-link" onClick={() => setConfirmLeave(true)}>
          {t('leaveRoom')}
        </button>
      )}
    </aside>
  );
}

function roleLabel(role: string, t: (k: 'owner' | 'member') => string): string {
  return role === 'OWNER' ? t('owner') : t('member');
}

function Invite(props: { roomId: number; memberIds: number[]; onDone(r: RoomDetail | null): void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const [selection, setSelection] = useState(() => emptySelection(props.memberIds));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (selection.picked.length === 0) return setError(t('pickSomeone'));
    setBusy(true);
    try {
      const r = await api.request<RoomDetail>('POST', `/api/rooms/${props.roomId}/members`, {
        userIds: pickedIds(selection),
      });
      props.onDone(r);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="invite" onSubmit={submit} aria-label={t('invite')}>
      <PeoplePicker id="invite-people" selection={selection} onChange={setSelection} />
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        {t('inviteSelected')}
      </button>
      <button type="button" class="secondary" onClick={() => props.onDone(null)}>
        {t('cancel')}
      </button>
    </form>
  );
}
