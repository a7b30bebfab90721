// The owner's administration of a group room (name, image, close; remove a member, hand over)
// and every member's own settings (mute, pin, hide). Each action asks the server and shows its
// answer; confirmations are inline, like leaving.
import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import type { RoomDetail, RoomSummary } from '../../../lib/wire.ts';

/** Runs a request; its error shows until the next try. */
function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T,>(request: () => Promise<T>, done: (result: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      done(await request());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const shown = error ? (
    <p class="field-error" role="alert">
      {error}
    </p>
  ) : null;
  return { run, busy, shown };
}

export function RoomSettings(p: {
  roomId: number;
  summary: RoomSummary | undefined;
  onChanged(summary: RoomSummary, hidden: boolean): void;
}) {
  const { t } = useI18n();
  const { api } = useServices();
  const { run, busy, shown } = useAction();
  const set = (body: { muted?: boolean; pinned?: boolean; hidden?: boolean }) =>
    run(
      () => api.request<RoomSummary>('PATCH', `/api/rooms/${p.roomId}/settings`, body),
      (summary) => p.onChanged(summary, body.hidden === true),
    );
  const muted = p.summary?.muted ?? false;
  const pinned = p.summary?.pinned ?? false;
  return (
    <div class="admin-section">
      <button type="button" class="secondary" disabled={busy} onClick={() => void set({ muted: !muted })}>
        {muted ? t('unmute') : t('mute')}
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={() => void set({ pinned: !pinned })}>
        {pinned ? t('unpin') : t('pin')}
      </button>
      <button type="button" class="secondary" disabled={busy} onClick={() => void set({ hidden: true })}>
        {t('hideRoom')}
      </button>
      {shown}
    </div>
  );
}

export function OwnerTools(p: { room: RoomDetail; onRoom(room: RoomDetail): void }) {
  const { t } = useI18n();
  const { api } = useServices();
  const { run, busy, shown } = useAction();
  const [name, setName] = useState(p.room.name ?? '');
  const [image, setImage] = useState(p.room.imageUrl ?? '');
  const [confirmClose, setConfirmClose] = useState(false);
  const save = (e: Event) => {
    e.preventDefault();
    void run(
      () =>
        api.request<RoomDetail>('PATCH', `/api/rooms/${p.room.id}`, {
          name,
          imageUrl: image.trim() === '' ? null : image.trim(),
        }),
      p.onRoom,
    );
  };
  const close = () =>
    run(
      () => api.request('DELETE', `/api/rooms/${p.room.id}`),
      () => p.onRoom({ ...p.room, closedAt: new Date().toISOString() }),
    );
  return (
    <form class="admin-section" aria-label={t('roomSettings')} onSubmit={save}>
      <h4 class="panel-title">{t('roomSettings')}</h4>
      <label for="room-name">{t('roomName')}</label>
      <input id="room-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <label for="room-image">{t('roomImage')}</label>
      <input
        id="room-image"
        type="url"
        value={image}
        onInput={(e) => setImage((e.target as HTMLInputElement).value)}
      />
      <button type="submit" class="primary" disabled={busy}>
        {t('saveRoom')}
      </button>
      {shown}
      {confirmClose ? (
        <div class="confirm">
          <p role="alert">{t('closeConfirm')}</p>
          <button type="button" class="danger" disabled={busy} onClick={() => void close()}>
            {t('closeRoom')}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirmClose(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="link danger-link" onClick={() => setConfirmClose(true)}>
          {t('closeRoom')}
        </button>
      )}
    </form>
  );
}

/** The owner's buttons next to another member: remove, make owner (each confirmed). */
export function MemberTools(p: {
  roomId: number;
  member: RoomDetail['members'][number];
  onRoom(room: RoomDetail | null): void;
}) {
  const { t } = useI18n();
  const { api } = useServices();
  const { run, busy, shown } = useAction();
  const [asking, setAsking] = useState<'remove' | 'owner' | null>(null);
  const name = p.member.nickname;
  if (asking) {
    const confirm = () =>
      asking === 'remove'
        ? run(
            () => api.request('DELETE', `/api/rooms/${p.roomId}/members/${p.member.userId}`),
            () => p.onRoom(null),
          )
        : run(
            () =>
              api.request<RoomDetail>('POST', `/api/rooms/${p.roomId}/owner`, { userId: p.member.userId }),
            p.onRoom,
          );
    return (
      <div class="confirm member-tools">
        <p role="alert">
          {t(asking === 'remove' ? 'removeConfirm' : 'ownerConfirm').replace('{name}', name)}
        </p>
        <button type="button" class="danger" disabled={busy} onClick={() => void confirm()}>
          {t(asking === 'remove' ? 'removeMember' : 'makeOwner')}
        </button>
        <button type="button" class="secondary" onClick={() => setAsking(null)}>
          {t('cancel')}
        </button>
        {shown}
      </div>
    );
  }
  return (
    <div class="member-tools">
      <button
        type="button"
        class="link"
        onClick={() => setAsking('owner')}
        aria-label={`${t('makeOwner')}: ${name}`}
      >
        {t('makeOwner')}
      </button>
      <button
        type="button"
        class="link danger-link"
        onClick={() => setAsking('remove')}
        aria-label={`${t('removeMember')}: ${name}`}
      >
        {t('removeMember')}
      </button>
    </div>
  );
}
