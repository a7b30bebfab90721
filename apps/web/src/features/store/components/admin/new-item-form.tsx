// A new pack: its fields, one alt text per emoticon, and an optional image for each (uploaded
// after the pack is created; a failed upload leaves the drawn alt text in its place).
import { useState } from 'preact/hooks';
import { useI18n } from '../../../../i18n/i18n.ts';
import type { StoreItem } from '../../../../lib/wire.ts';
import { useStore } from '../../hooks/use-store.ts';
import {
  altsOf,
  emptyItemFields,
  type FieldErrors,
  type ItemFields,
  imageProblem,
  itemBody,
} from '../../state/item-form.ts';

export function NewItemForm({ onCreated }: { onCreated(item: StoreItem): void }) {
  const { t } = useI18n();
  const store = useStore();
  const [f, setF] = useState<ItemFields>(emptyItemFields);
  const [errors, setErrors] = useState<FieldErrors<keyof ItemFields>>({});
  const [images, setImages] = useState<(File | null)[]>([]);
  const [imageErrors, setImageErrors] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const alts = altsOf(f.alts);
  const set = (k: keyof ItemFields) => (e: Event) => {
    const el = e.target as HTMLInputElement;
    setF((x) => ({ ...x, [k]: el.type === 'checkbox' ? el.checked : el.value }));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const parsed = itemBody(f);
    setErrors(parsed.errors ?? {});
    if (!parsed.body || Object.keys(imageErrors).length > 0) return;
    setBusy(true);
    setResult(null);
    try {
      const item = await store.admin.create(parsed.body);
      const failures: string[] = [];
      for (const [index, file] of images.entries()) {
        if (!file || index >= item.emoticons.length) continue;
        await store.admin.uploadImage(item.id, index, file).catch((err: Error) => failures.push(err.message));
      }
      setResult(
        failures.length > 0
          ? {
              ok: false,
              text: t('storeImagesFailed')
                .replace('{n}', String(failures.length))
                .replace('{message}', failures[0] ?? ''),
            }
          : { ok: true, text: t('storeCreated').replace('{title}', item.title) },
      );
      setF(emptyItemFields);
      setImages([]);
      onCreated(item);
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const field = (
    k: Exclude<keyof ItemFields, 'active' | 'description' | 'alts'>,
    label: string,
    mode?: 'numeric',
  ) => (
    <div class="field">
      <label for={`item-${k}`}>{label}</label>
      <input
        id={`item-${k}`}
        value={f[k]}
        inputMode={mode}
        aria-invalid={errors[k] ? 'true' : undefined}
        aria-describedby={errors[k] ? `item-${k}-error` : undefined}
        onInput={set(k)}
      />
      {errors[k] ? (
        <span id={`item-${k}-error`} class="field-error">
          {t(errors[k])}
        </span>
      ) : null}
    </div>
  );

  return (
    <section class="account-section" aria-labelledby="store-new-title">
      <h3 id="store-new-title">{t('storeNewItem')}</h3>
      <form class="account-form store-form" onSubmit={(e) => void submit(e)} noValidate>
        {field('title', t('storeFieldTitle'))}
        {field('artist', t('storeFieldArtist'))}
        <div class="field">
          <label for="item-description">{t('storeFieldDescription')}</label>
          <textarea id="item-description" rows={2} value={f.description} onInput={set('description')} />
          {errors.description ? <span class="field-error">{t(errors.description)}</span> : null}
        </div>
        <div class="store-form-row">
          {field('price', t('storeFieldPrice'), 'numeric')}
          {field('category', t('storeFieldCategory'))}
        </div>
        {field('tags', t('storeFieldTags'))}
        <div class="field">
          <label for="item-alts">{t('storeFieldAlts')}</label>
          <textarea
            id="item-alts"
            rows={4}
            value={f.alts}
            aria-invalid={errors.alts ? 'true' : undefined}
            onInput={set('alts')}
          />
          {errors.alts ? <span class="field-error">{t(errors.alts)}</span> : null}
        </div>
        {alts.length > 0 ? (
          <fieldset class="store-images">
            <legend>{t('storeFieldImages')}</legend>
            {alts.map((alt, i) => (
              <div key={i} class="field store-image-field">
                <label for={`item-image-${i}`}>{t('storeFieldImage').replace('{alt}', alt)}</label>
                <input
                  id={`item-image-${i}`}
                  type="file"
                  accept="image/png,image/gif,image/webp,image/jpeg"
                  onChange={(e) => {
                    const file = (e.target as HTMLInputElement).files?.[0] ?? null;
                    const problem = file ? imageProblem(file) : null;
                    setImageErrors((x) => {
                      const { [i]: _, ...rest } = x;
                      return problem ? { ...rest, [i]: t(problem) } : rest;
                    });
                    setImages((xs) => {
                      const next = [...xs];
                      next[i] = problem ? null : file;
                      return next;
                    });
                  }}
                />
                {imageErrors[i] ? <span class="field-error">{imageErrors[i]}</span> : null}
              </div>
            ))}
          </fieldset>
        ) : null}
        <label class="choice">
          <input type="checkbox" checked={f.active} onChange={set('active')} />
          {t('storeFieldActive')}
        </label>
        {result ? (
          <p class={result.ok ? 'field-hint' : 'field-error'} role={result.ok ? 'status' : 'alert'}>
            {result.text}
          </p>
        ) : null}
        <button type="submit" class="primary" aria-disabled={busy}>
          {t('storeCreate')}
        </button>
      </form>
    </section>
  );
}
