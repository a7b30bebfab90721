// A room's guestbook: write an entry, newest first a page at a time; authors delete theirs, the
// owner hides or shows again (hidden ones reach only the owner and the author, marked).
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useRoomApi } from '../hooks/use-room-api.ts';
import { GUESTBOOK_TEXT_MAX } from '../state/canvas.ts';
import * as g from '../state/guestbook.ts';

interface Props {
  ownerId: number;
  /** My own room: I may hide entries. */
  mine: boolean;
  onNavigate(path: string): void;
}

export function Guestbook({ ownerId, mine, onNavigate }: Props) {
  const { t, lang, name } = useI18n();
  const { me } = useServices();
  const rooms = useRoomApi();
  const [state, setState] = useState<g.GuestbookState>(g.emptyGuestbook);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  useEffect(() => {
    let live = true;
    setState(g.emptyGuestbook);
    rooms
      .guestbook(ownerId)
      .then((page) => live && setState(g.appendPage(g.emptyGuestbook, page)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [rooms, ownerId]);

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const more = () =>
    run(async () => {
      const page = await rooms.guestbook(ownerId, state.nextCursor);
      setState((s) => g.appendPage(s, page));
    });
  const submit = (e: Event) => {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    void run(async () => {
      const entry = await rooms.write(ownerId, body);
      setState((s) => g.prepend(s, entry));
      setText('');
    });
  };

  return (
    <section class="mh-panel mh-guestbook" aria-labelledby="mh-guestbook-title">
      <h3 id="mh-guestbook-title">{t('roomGuestbook')}</h3>
      <form class="mh-guestbook-form" onSubmit={submit}>
        <label for="mh-guestbook-text" class="sr-only">
          {t('roomGuestbookWrite')}
        </label>
        <textarea
          id="mh-guestbook-text"
          rows={3}
          maxLength={GUESTBOOK_TEXT_MAX}
          placeholder={t('roomGuestbookPlaceholder')}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="mh-row">
          <span class="mh-muted" aria-hidden="true">
            {t('roomGuestbookCount')
              .replace('{n}', String([...text].length))
              .replace('{max}', String(GUESTBOOK_TEXT_MAX))}
          </span>
          <button type="submit" class="primary" disabled={busy || text.trim() === ''}>
            {t('roomGuestbookSubmit')}
          </button>
        </div>
      </form>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {state.nextCursor !== undefined && state.entries.length === 0 ? (
        <p class="mh-muted">{t('roomGuestbookEmpty')}</p>
      ) : null}
      <ul class="mh-entries" aria-label={t('roomGuestbook')}>
        {state.entries.map((e) => {
          const can = g.entryActions(e, me.userId, mine);
          const profile = `/social/users/${e.author.id}`;
          return (
            <li key={e.id} class={`mh-entry${e.hidden ? ' hidden' : ''}`} data-entry={e.id}>
              <Avatar name={name(e.author.nickname)} imageUrl={e.author.profileImageUrl} size="sm" />
              <div class="mh-entry-main">
                <div class="mh-entry-head">
                  <a
                    href={profile}
                    onClick={(ev) => {
                      ev.preventDefault();
                      onNavigate(profile);
                    }}
                  >
                    {name(e.author.nickname)}
                  </a>
                  <time class="mh-muted" dateTime={e.createdAt}>
                    {when.format(new Date(e.createdAt))}
                  </time>
                  {e.hidden ? <span class="mh-badge">{t('roomGuestbookHidden')}</span> : null}
                </div>
                <p class="mh-entry-text">{e.text}</p>
                {can.hide || can.delete ? (
                  <div class="mh-entry-actions">
                    {can.hide ? (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() =>
                          run(async () => {
                            const changed = await rooms.setHidden(e.id, !e.hidden);
                            setState((s) => g.replace(s, changed));
                          })
                        }
                      >
                        {e.hidden ? t('roomGuestbookUnhide') : t('roomGuestbookHide')}
                      </button>
                    ) : null}
                    {can.delete ? (
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        onClick={() =>
                          run(async () => {
                            await rooms.deleteEntry(e.id);
                            setState((s) => g.drop(s, e.id));
                          })
                        }
                      >
                        {t('roomGuestbookDelete')}
                      </button>
                    ) : null}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {g.hasMore(state) ? (
        <button type="button" class="secondary mh-more" disabled={busy} onClick={more}>
          {t('roomGuestbookMore')}
        </button>
      ) : null}
    </section>
  );
}
