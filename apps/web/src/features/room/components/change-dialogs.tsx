import { useState } from 'preact/hooks';
import { Dialog } from '../../../components/dialog.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { CONTENT_MAX, type Message } from '../../../lib/wire.ts';
import { codePoints } from '../../../utils/uuid.ts';

/** Runs a change; the dialog closes when the server accepted it, else shows why not. */
function useSubmit(run: () => Promise<unknown>, onDone: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await run();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

export function EditDialog(p: {
  message: Message;
  onSave(content: string): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(p.message.content);
  const { error, busy, submit } = useSubmit(() => p.onSave(text.replace(/\s+$/u, '')), p.onClose);
  const length = codePoints(text);
  const can = text.trim() !== '' && length <= CONTENT_MAX && text !== p.message.content && !busy;
  return (
    <Dialog title={t('editMessage')} onClose={p.onClose}>
      <form
        class="change-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (can) void submit();
        }}
      >
        <label for="edit-input">{t('messageInput')}</label>
        <textarea
          id="edit-input"
          rows={4}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        {length > CONTENT_MAX ? <p class="field-error">{t('tooLong')}</p> : null}
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={p.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={!can}>
            {t('save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function UnsendDialog(p: { onConfirm(): Promise<unknown>; onClose(): void }) {
  const { t } = useI18n();
  const { error, busy, submit } = useSubmit(p.onConfirm, p.onClose);
  return (
    <Dialog title={t('unsendMessage')} onClose={p.onClose}>
      <p>{t('unsendConfirm')}</p>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={p.onClose}>
          {t('cancel')}
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => void submit()}>
          {t('unsendForEveryone')}
        </button>
      </div>
    </Dialog>
  );
}
