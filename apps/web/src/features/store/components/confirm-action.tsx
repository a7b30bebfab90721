// A button that asks first (refund, decline, cancel): the question in a dialog, the server's
// reason shown there when it refuses.
import { useState } from 'preact/hooks';
import { Dialog } from '../../../components/dialog.tsx';
import { useI18n } from '../../../i18n/i18n.ts';

interface Props {
  label: string;
  question: string;
  /** Rejects with the server's reason (shown in the dialog). */
  onConfirm(): Promise<unknown>;
  /** The button's own label in the page, when it says more than the dialog's (which item). */
  buttonLabel?: string;
}

export function ConfirmAction({ label, question, onConfirm, buttonLabel }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="secondary" aria-label={buttonLabel} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open ? (
        <Dialog title={label} onClose={close}>
          <p>{question}</p>
          {error ? (
            <p class="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <div class="dialog-actions">
            <button type="button" class="secondary" onClick={close}>
              {t('cancel')}
            </button>
            {/* aria-disabled, not disabled: a button disabled under the focus drops it to the page. */}
            <button type="button" class="danger" aria-disabled={busy} onClick={() => !busy && void confirm()}>
              {label}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
