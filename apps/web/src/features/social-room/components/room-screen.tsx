// A mini-homepage ("room", after Cyworld's): its title, theme and background, the decorations
// on the canvas, the intro, the visitor counter, the guestbook, random visits; in my own room
// also the editor and the recent visitors. Rendered by the app's router for
// `/social/users/{id}/room` (a visit) and `/social/me/room`.
import type { ComponentChildren } from 'preact';
import '../room.css';
import type { MiniRoom } from '@chat/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { ApiError } from '../../../lib/http.ts';
import { AvatarFigure } from '../../social/components/avatar-figure.tsx';
import { useRoomApi } from '../hooks/use-room-api.ts';
import { fromRoom } from '../state/decorations.ts';
import { counterText } from '../state/room-view.ts';
import { Guestbook } from './guestbook.tsx';
import { RoomCanvas } from './room-canvas.tsx';
import { RoomEditor } from './room-editor.tsx';
import { RecentVisitors } from './visitors.tsx';

type Load =
  | { kind: 'loading' }
  | { kind: 'room'; room: MiniRoom }
  | { kind: 'private' | 'missing' | 'error'; message: string };

export function RoomScreen(props: {
  target: number | 'me';
  onNavigate: (path: string) => void;
  /** The notification bell, at the header's end on narrow screens. */
  bell?: ComponentChildren;
}) {
  const { target, onNavigate, bell } = props;
  const { t, lang, name } = useI18n();
  const rooms = useRoomApi();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [editing, setEditing] = useState(false);
  const [randomNote, setRandomNote] = useState<string | null>(null);
  const [randomBusy, setRandomBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    setEditing(false);
    setRandomNote(null);
    rooms
      .room(target)
      .then((room) => live && setLoad({ kind: 'room', room }))
      .catch((e: Error) => {
        if (!live) return;
        const status = e instanceof ApiError ? e.status : 0;
        setLoad({
          kind: status === 403 ? 'private' : status === 404 ? 'missing' : 'error',
          message: e.message,
        });
      });
    return () => {
      live = false;
    };
  }, [rooms, target]);

  const random = async (scope: 'all' | 'fof') => {
    setRandomBusy(true);
    setRandomNote(null);
    try {
      const room = await rooms.random(scope);
      // The same room again: the address does not change, so it is shown from here.
      if (room.owner.id === target) setLoad({ kind: 'room', room });
      else onNavigate(`/social/users/${room.owner.id}/room`);
    } catch (e) {
      const none = e instanceof ApiError && e.status === 404;
      setRandomNote(
        none ? t(scope === 'fof' ? 'roomRandomNoneFof' : 'roomRandomNone') : (e as Error).message,
      );
    } finally {
      setRandomBusy(false);
    }
  };

  const room = load.kind === 'room' ? load.room : null;
  const link = (href: string, label: string) => (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        onNavigate(href);
      }}
    >
      {label}
    </a>
  );

  return (
    <section class={`account mh-room mh-theme-${room?.theme ?? 'CLASSIC'}`} aria-labelledby="mh-title">
      <header class="room-header mh-header">
        <button
          type="button"
          class="icon back account-back"
          aria-label={t('back')}
          onClick={() => history.back()}
        >
          ‹
        </button>
        <h2 id="mh-title">{room ? room.title : t('roomMyRoom')}</h2>
        {room ? (
          <p class="mh-counter" data-testid="room-counter">
            {counterText(room.visitors, lang, t('roomCounter'))}
          </p>
        ) : null}
        {bell}
      </header>
      <div class="mh-body">
        {load.kind === 'loading' ? <p class="mh-muted">{t('roomLoading')}</p> : null}
        {load.kind === 'private' ? (
          <p class="mh-notice" role="status">
            🔒 {t('roomPrivate')}
          </p>
        ) : null}
        {load.kind === 'missing' ? (
          <p class="mh-notice" role="status">
            {t('roomNotFound')}
          </p>
        ) : null}
        {load.kind === 'error' ? (
          <p class="field-error" role="alert">
            {load.message}
          </p>
        ) : null}
        {room ? (
          <>
            <div class="mh-owner">
              <span class="mh-owner-who">
                {room.owner.avatar.length > 0 ? (
                  <AvatarFigure
                    items={room.owner.avatar}
                    label={t('socialAvatarOf').replace('{name}', name(room.owner.nickname))}
                    size="sm"
                  />
                ) : null}
                {link(
                  `/social/users/${room.owner.id}`,
                  t('roomOwnerProfile').replace('{name}', name(room.owner.nickname)),
                )}
              </span>
              {room.mine ? (
                <button
                  type="button"
                  class={editing ? 'secondary' : 'primary'}
                  aria-expanded={editing}
                  onClick={() => setEditing((v) => !v)}
                >
                  {editing ? t('roomDoneCustomising') : t('roomCustomise')}
                </button>
              ) : null}
            </div>
            {editing ? (
              <RoomEditor room={room} onSaved={(saved) => setLoad({ kind: 'room', room: saved })} />
            ) : (
              <RoomCanvas theme={room.theme} background={room.background} items={fromRoom(room).items} />
            )}
            {room.intro && !editing ? <p class="mh-intro">{room.intro}</p> : null}
          </>
        ) : null}
        {load.kind !== 'loading' ? (
          <div class="mh-random">
            <button type="button" class="secondary" disabled={randomBusy} onClick={() => random('all')}>
              🎲 {t('roomRandomAll')}
            </button>
            <button type="button" class="secondary" disabled={randomBusy} onClick={() => random('fof')}>
              {t('roomRandomFof')}
            </button>
            {randomNote ? (
              <p class="mh-muted mh-random-note" role="status">
                {randomNote}
              </p>
            ) : null}
          </div>
        ) : null}
        {room?.mine ? <RecentVisitors onNavigate={onNavigate} /> : null}
        {room ? <Guestbook ownerId={room.owner.id} mine={room.mine} onNavigate={onNavigate} /> : null}
      </div>
    </section>
  );
}
