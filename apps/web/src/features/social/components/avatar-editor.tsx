// My avatar's editor: the AVATAR items I own as toggle buttons (one per category: another of a
// worn category replaces it), a preview of the draft, and saving it (PUT, all or nothing).
import type { MetaAssetRef, OwnedMetaAsset } from '@chat/contracts';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import { avatarApi } from '../api/avatar-api.ts';
import {
  AVATAR_ITEMS_MAX,
  canChoose,
  choose,
  isDirty,
  isWorn,
  type Worn,
  wearBody,
} from '../state/avatar-wardrobe.ts';
import { AvatarFigure } from './avatar-figure.tsx';

type Note = { kind: 'ok' | 'error'; text: string } | null;

const refOf = ({ id, kind, category, name, imageUrl }: MetaAssetRef): MetaAssetRef => ({
  id,
  kind,
  category,
  name,
  imageUrl,
});

export function AvatarEditor() {
  const { t } = useI18n();
  const { api, me } = useServices();
  const avatars = useMemo(() => avatarApi(api), [api]);
  const [items, setItems] = useState<OwnedMetaAsset[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [saved, setSaved] = useState<Worn>([]);
  const [draft, setDraft] = useState<Worn>([]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const loadingMore = useOneAtATime();

  useEffect(() => {
    let live = true;
    Promise.all([avatars.avatar(me.userId), avatars.items()])
      .then(([avatar, page]) => {
        if (!live) return;
        setSaved(avatar.items);
        setDraft(avatar.items);
        setItems(page.assets);
        setNext(page.nextCursor);
      })
      .catch((e: Error) => live && setNote({ kind: 'error', text: e.message }));
    return () => {
      live = false;
    };
  }, [avatars, me.userId]);

  const more = () =>
    loadingMore.run(async () => {
      try {
        const page = await avatars.items(next);
        setItems((list) => [...(list ?? []), ...page.assets]);
        setNext(page.nextCursor);
      } catch (e) {
        setNote({ kind: 'error', text: (e as Error).message });
      }
    });
  const edit = (change: (w: Worn) => Worn) => {
    setDraft(change);
    setNote(null);
  };
  const save = async () => {
    setBusy(true);
    try {
      const avatar = await avatars.wear(wearBody(draft));
      setSaved(avatar.items);
      setDraft(avatar.items);
      setNote({ kind: 'ok', text: t('socialAvatarSaved') });
    } catch (e) {
      setNote({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const full = draft.length >= AVATAR_ITEMS_MAX;
  // aria-disabled, not disabled: a button that disables itself under the keyboard focus would
  // drop the focus to the page.
  const canSave = !busy && isDirty(draft, saved);
  const canClear = !busy && draft.length > 0;

  return (
    <section class="account-section avatar-editor" aria-labelledby="avatar-editor-title">
      <h3 id="avatar-editor-title">{t('socialAvatar')}</h3>
      <p class="field-hint">{t('socialAvatarHint')}</p>
      <div class="avatar-editor-body">
        <AvatarFigure
          items={draft}
          label={t('socialAvatarPreview')}
          size="lg"
          empty={t('socialAvatarNothingWorn')}
        />
        <div class="avatar-editor-items">
          {items === null ? null : items.length === 0 ? (
            <p class="field-hint">{t('socialAvatarNoItems')}</p>
          ) : (
            <ul class="avatar-items" aria-label={t('socialAvatarItems')}>
              {items.map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    class="avatar-item"
                    aria-pressed={isWorn(draft, item.id)}
                    disabled={!canChoose(draft, item)}
                    onClick={() => !busy && edit((w) => choose(w, refOf(item)))}
                  >
                    <img src={item.imageUrl} alt="" draggable={false} />
                    <span class="avatar-item-name">{item.name}</span>
                    <span class="avatar-item-category">{item.category}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {next !== null ? (
            <button
              type="button"
              class="secondary social-more"
              aria-disabled={loadingMore.busy}
              onClick={() => void more()}
            >
              {t('socialMore')}
            </button>
          ) : null}
        </div>
      </div>
      {full ? <p class="field-hint">{t('socialAvatarFull')}</p> : null}
      <div class="avatar-editor-actions">
        <button
          type="button"
          class="secondary"
          aria-disabled={!canClear}
          onClick={() => canClear && edit(() => [])}
        >
          {t('socialAvatarTakeOffAll')}
        </button>
        <button type="button" class="primary" aria-disabled={!canSave} onClick={() => canSave && void save()}>
          {t('socialAvatarSave')}
        </button>
      </div>
      {note ? (
        <p
          class={note.kind === 'error' ? 'field-error' : 'avatar-saved'}
          role={note.kind === 'error' ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      ) : null}
    </section>
  );
}
