// My room's editor: the settings (title, theme, background, intro) and the decorations, with
// the canvas showing both as they will look before they are saved.
import type { MiniRoom, OwnedMetaAsset } from '@chat/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { useRoomApi } from '../hooks/use-room-api.ts';
import {
  ROOM_DECORATIONS_MAX,
  ROOM_HEIGHT,
  ROOM_INTRO_MAX,
  ROOM_TITLE_MAX,
  ROOM_WIDTH,
} from '../state/canvas.ts';
import * as d from '../state/decorations.ts';
import { type SettingsForm, settingsBody, settingsOf, THEMES } from '../state/room-view.ts';
import { RoomCanvas } from './room-canvas.tsx';

interface Props {
  room: MiniRoom;
  onSaved(room: MiniRoom): void;
}

type Note = { kind: 'ok' | 'error'; text: string } | null;

const NoteLine = ({ note }: { note: Note }) =>
  note ? (
    <p
      class={note.kind === 'error' ? 'field-error' : 'mh-ok'}
      role={note.kind === 'error' ? 'alert' : 'status'}
    >
      {note.text}
    </p>
  ) : null;

export function RoomEditor({ room, onSaved }: Props) {
  const { t } = useI18n();
  const rooms = useRoomApi();
  const [assets, setAssets] = useState<OwnedMetaAsset[] | null>(null);
  const [form, setForm] = useState<SettingsForm>(() => settingsOf(room));
  const [editor, setEditor] = useState<d.EditorState>(() => d.fromRoom(room));
  const [busy, setBusy] = useState(false);
  const [settingsNote, setSettingsNote] = useState<Note>(null);
  const [decoNote, setDecoNote] = useState<Note>(null);

  useEffect(() => {
    let live = true;
    rooms
      .decorations()
      .then((page) => live && setAssets(page.assets))
      .catch((e: Error) => live && setDecoNote({ kind: 'error', text: e.message }));
    return () => {
      live = false;
    };
  }, [rooms]);

  const set = (patch: Partial<SettingsForm>) => setForm((f) => ({ ...f, ...patch }));
  const previewAsset = form.bgKind === 'asset' ? assets?.find((a) => a.id === form.assetId) : undefined;
  const preview: MiniRoom['background'] =
    form.bgKind === 'asset'
      ? previewAsset
        ? { color: null, asset: previewAsset }
        : room.background
      : { color: form.color, asset: null };

  const saveSettings = async (e: Event) => {
    e.preventDefault();
    const body = settingsBody(settingsOf(room), form);
    if (!body) {
      setSettingsNote({ kind: 'ok', text: t('roomNoChange') });
      return;
    }
    setBusy(true);
    try {
      const saved = await rooms.update(body);
      onSaved(saved);
      setForm(settingsOf(saved));
      setSettingsNote({ kind: 'ok', text: t('roomSaved') });
    } catch (err) {
      setSettingsNote({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const saveDecorations = async () => {
    setBusy(true);
    try {
      const saved = await rooms.placeDecorations(d.saveBody(editor));
      onSaved(saved);
      setEditor((s) => ({ ...d.fromRoom(saved), selected: s.selected }));
      setDecoNote({ kind: 'ok', text: t('roomDecorationsSaved') });
    } catch (err) {
      setDecoNote({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  /** An edit of the layout, applied to the latest state (key repeats and drags come fast). */
  const change = (edit: (s: d.EditorState) => d.EditorState) => {
    setEditor(edit);
    setDecoNote(null);
  };
  const dirty = d.isDirty(editor, room);
  const full = editor.items.length >= ROOM_DECORATIONS_MAX;
  const num = (v: string) => (v.trim() === '' ? 0 : Number(v));

  return (
    <div class="mh-editor">
      <RoomCanvas
        theme={form.theme}
        background={preview}
        items={editor.items}
        edit={{
          selected: editor.selected,
          onSelect: (id) => setEditor((s) => d.select(s, id)),
          onMove: (id, p) => change((s) => d.move(s, id, p)),
          onNudge: (id, dx, dy) => change((s) => d.nudge(s, id, dx, dy)),
        }}
      />

      <section class="mh-panel" aria-labelledby="mh-deco-title">
        <h3 id="mh-deco-title">{t('roomDecorations')}</h3>
        <p class="mh-muted mh-hint">{t('roomPlaceHint')}</p>
        <h4>{t('roomPlacedList')}</h4>
        {editor.items.length === 0 ? <p class="mh-muted">{t('roomNothingPlaced')}</p> : null}
        <ul class="mh-placed" aria-label={t('roomPlacedList')}>
          {d
            .drawOrder(editor.items)
            .reverse()
            .map((p) => {
              const id = p.asset.id;
              const layer = d.layerOf(editor.items, id);
              return (
                <li key={id} class={editor.selected === id ? 'selected' : ''} data-asset={id}>
                  <button
                    type="button"
                    class="mh-placed-name"
                    aria-pressed={editor.selected === id}
                    onClick={() => setEditor((s) => d.select(s, id))}
                  >
                    <img src={p.asset.imageUrl} alt="" />
                    <span>{p.asset.name}</span>
                    <span class="mh-muted">{t('roomLayer').replace('{n}', String(layer))}</span>
                  </button>
                  <div class="mh-placed-controls">
                    <label>
                      <span>{t('roomX')}</span>
                      <input
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={ROOM_WIDTH}
                        value={p.x}
                        aria-label={`${p.asset.name} ${t('roomX')}`}
                        onChange={(e) => {
                          const x = num(e.currentTarget.value);
                          change((s) => d.move(s, id, { x, y: p.y }));
                        }}
                      />
                    </label>
                    <label>
                      <span>{t('roomY')}</span>
                      <input
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={ROOM_HEIGHT}
                        value={p.y}
                        aria-label={`${p.asset.name} ${t('roomY')}`}
                        onChange={(e) => {
                          const y = num(e.currentTarget.value);
                          change((s) => d.move(s, id, { x: p.x, y }));
                        }}
                      />
                    </label>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${p.asset.name} ${t('roomRaise')}`}
                      disabled={layer === editor.items.length}
                      onClick={() => change((s) => d.reorder(s, id, 1))}
                    >
                      ▲ {t('roomRaise')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${p.asset.name} ${t('roomLower')}`}
                      disabled={layer === 1}
                      onClick={() => change((s) => d.reorder(s, id, -1))}
                    >
                      ▼ {t('roomLower')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`${p.asset.name} ${t('roomRemove')}`}
                      onClick={() => change((s) => d.remove(s, id))}
                    >
                      {t('roomRemove')}
                    </button>
                  </div>
                </li>
              );
            })}
        </ul>
        <h4>{t('roomMyItems')}</h4>
        {assets && assets.length === 0 ? <p class="mh-muted">{t('roomNoItems')}</p> : null}
        {full ? (
          <p class="mh-muted">{t('roomTooMany').replace('{max}', String(ROOM_DECORATIONS_MAX))}</p>
        ) : null}
        <ul class="mh-items" aria-label={t('roomMyItems')}>
          {(assets ?? []).map((a) => {
            const placed = editor.items.some((p) => p.asset.id === a.id);
            return (
              <li key={a.id}>
                <button
                  type="button"
                  class="mh-item"
                  disabled={placed || full}
                  aria-label={t('roomPlace').replace('{name}', a.name)}
                  onClick={() => change((s) => d.add(s, a))}
                >
                  <img src={a.imageUrl} alt="" />
                  <span>{a.name}</span>
                  {placed ? <span class="mh-badge">{t('roomPlaced')}</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
        <div class="mh-row">
          {dirty ? <span class="mh-muted">{t('roomUnsaved')}</span> : <span />}
          <span class="mh-row-end">
            <button
              type="button"
              class="secondary"
              disabled={!dirty || busy}
              onClick={() => change(() => d.fromRoom(room))}
            >
              {t('roomReset')}
            </button>
            <button type="button" class="primary" disabled={busy} onClick={saveDecorations}>
              {t('roomSaveDecorations')}
            </button>
          </span>
        </div>
        <NoteLine note={decoNote} />
      </section>

      <form class="mh-panel mh-settings" aria-labelledby="mh-settings-title" onSubmit={saveSettings}>
        <h3 id="mh-settings-title">{t('roomSetup')}</h3>
        <label class="mh-field">
          <span>{t('roomTitle')}</span>
          <input
            type="text"
            maxLength={ROOM_TITLE_MAX}
            placeholder={room.owner.nickname}
            value={form.title}
            onInput={(e) => set({ title: e.currentTarget.value })}
          />
          <small class="mh-muted">{t('roomTitleHint')}</small>
        </label>
        <label class="mh-field">
          <span>{t('roomTheme')}</span>
          <select
            value={form.theme}
            onChange={(e) => set({ theme: e.currentTarget.value as SettingsForm['theme'] })}
          >
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {t(`roomTheme${th}` as const)}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="mh-field">
          <legend>{t('roomBackground')}</legend>
          <div class="mh-row mh-bg">
            <label class="mh-radio">
              <input
                type="radio"
                name="mh-bg"
                checked={form.bgKind === 'color'}
                onChange={() => set({ bgKind: 'color' })}
              />
              {t('roomBgColor')}
            </label>
            <input
              type="color"
              aria-label={t('roomBgColorPick')}
              value={form.color.toLowerCase()}
              onInput={(e) => set({ bgKind: 'color', color: e.currentTarget.value.toUpperCase() })}
            />
            <label class="mh-radio">
              <input
                type="radio"
                name="mh-bg"
                checked={form.bgKind === 'asset'}
                disabled={!assets || assets.length === 0}
                onChange={() => set({ bgKind: 'asset', assetId: form.assetId ?? assets?.[0]?.id ?? null })}
              />
              {t('roomBgAsset')}
            </label>
            <select
              aria-label={t('roomBgAssetPick')}
              value={form.assetId ?? ''}
              disabled={!assets || assets.length === 0}
              onChange={(e) => set({ bgKind: 'asset', assetId: Number(e.currentTarget.value) })}
            >
              {form.assetId === null ? <option value="">—</option> : null}
              {(assets ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <label class="mh-field">
          <span>{t('roomIntro')}</span>
          <textarea
            rows={3}
            maxLength={ROOM_INTRO_MAX}
            value={form.intro}
            onInput={(e) => set({ intro: e.currentTarget.value })}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {t('roomSave')}
        </button>
        <NoteLine note={settingsNote} />
      </form>
    </div>
  );
}
