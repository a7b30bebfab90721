// Writing a post: text, up to four images (uploaded as they are picked), tags and who sees it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../../i18n/i18n.ts';
import { POST_TEXT_MAX, type Post, type PostVisibility, VISIBILITIES } from '../api/types.ts';
import { useMentions } from '../hooks/use-mentions.ts';
import { useSocial } from '../hooks/use-social.ts';
import { composerProblem, type ImageProblem, imageProblem, parseTags } from '../state/composer.ts';
import { fill } from '../state/fill.ts';
import { mentionIds } from '../state/mentions.ts';
import { MentionField } from './mention-picker.tsx';

interface Attached {
  key: string;
  preview: string;
  /** The upload's id once the server has it. */
  id: string | null;
}

export function Composer({ onPosted }: { onPosted(p: Post): void }) {
  const { t } = useI18n();
  const social = useSocial();
  const [text, setText] = useState('');
  const [tags, setTags] = useState('');
  const [visibility, setVisibility] = useState<PostVisibility>('PUBLIC');
  const [images, setImages] = useState<Attached[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const previews = useRef<string[]>([]);
  const mentions = useMentions<HTMLTextAreaElement>(text, (v) => {
    setDone(false);
    setText(v);
  });
  useEffect(
    () => () => {
      for (const u of previews.current) URL.revokeObjectURL(u);
    },
    [],
  );

  const uploading = images.some((i) => i.id === null);
  const problem = composerProblem({ text, tags, images: images.length, uploading });
  const shownProblem = problem === 'empty' || problem === 'uploading' ? null : problem;

  const pickFiles = (files: FileList | null) => {
    setError(null);
    let count = images.length;
    for (const file of Array.from(files ?? [])) {
      const bad: ImageProblem | null = imageProblem(file, count);
      if (bad) {
        setError(t(`socialProblem${bad[0]!.toUpperCase()}${bad.slice(1)}` as 'socialProblemImageType'));
        continue;
      }
      count++;
      const key = `${Date.now()}-${Math.random()}`;
      const preview = URL.createObjectURL(file);
      previews.current.push(preview);
      setImages((list) => [...list, { key, preview, id: null }]);
      social
        .uploadImage(file)
        .then((u) => setImages((list) => list.map((i) => (i.key === key ? { ...i, id: u.id } : i))))
        .catch((e: Error) => {
          setImages((list) => list.filter((i) => i.key !== key));
          setError(e.message);
        });
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (problem || busy) return;
    setBusy(true);
    setError(null);
    try {
      const post = await social.create({
        text,
        visibility,
        tags: parseTags(tags).tags,
        mentions: mentionIds(text, mentions.picked),
        imageIds: images.map((i) => i.id!),
      });
      setText('');
      mentions.reset();
      setTags('');
      setImages([]);
      setDone(true);
      onPosted(post);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="post-composer" aria-label={t('socialComposerTitle')} onSubmit={(e) => void submit(e)}>
      <MentionField picker={mentions.picker}>
        <textarea
          aria-label={t('socialComposerText')}
          placeholder={t('socialComposerText')}
          rows={3}
          maxLength={POST_TEXT_MAX}
          value={text}
          {...mentions.field}
        />
      </MentionField>
      {images.length > 0 ? (
        <ul class="composer-images">
          {images.map((img, i) => (
            <li key={img.key} class={img.id ? '' : 'uploading'}>
              <img src={img.preview} alt="" />
              <button
                type="button"
                class="icon"
                aria-label={fill(t('socialRemoveImage'), { n: i + 1 })}
                onClick={() => setImages((list) => list.filter((x) => x.key !== img.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        type="text"
        aria-label={t('socialTags')}
        placeholder={t('socialTags')}
        value={tags}
        onInput={(e) => setTags((e.target as HTMLInputElement).value)}
      />
      <div class="composer-row">
        <label class="secondary file-button">
          {t('socialAddImages')}
          <input
            ref={fileInput}
            class="sr-only"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            multiple
            onChange={(e) => pickFiles((e.target as HTMLInputElement).files)}
          />
        </label>
        <VisibilitySelect value={visibility} onChange={setVisibility} />
        <button type="submit" class="primary" disabled={busy || problem !== null}>
          {t('socialPost')}
        </button>
      </div>
      {uploading ? <p class="field-hint">{t('socialUploading')}</p> : null}
      {done ? (
        <p class="field-hint" role="status">
          {t('socialPosted')}
        </p>
      ) : null}
      {shownProblem ? (
        <p class="field-error" role="alert">
          {t(
            `socialProblem${shownProblem[0]!.toUpperCase()}${shownProblem.slice(1)}` as 'socialProblemEmpty',
          )}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function VisibilitySelect({
  value,
  onChange,
}: {
  value: PostVisibility;
  onChange(v: PostVisibility): void;
}) {
  const { t } = useI18n();
  return (
    <select
      class="visibility"
      aria-label={t('socialVisibility')}
      value={value}
      onChange={(e) => onChange((e.target as HTMLSelectElement).value as PostVisibility)}
    >
      {VISIBILITIES.map((v) => (
        <option key={v} value={v}>
          {t(`socialVis${v}`)}
        </option>
      ))}
    </select>
  );
}
