// A modal dialog (the native <dialog>: focus kept inside, Escape closes) shown while mounted.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.ts';

interface Props {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  /** As wide as the window allows (a photo), instead of a form's width. */
  wide?: boolean;
}

export function Dialog({ title, onClose, children, wide = false }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  // Shown as it mounts, before the browser paints or takes the next key: a Tab pressed right
  // after the opening click must not move the focus on the page first, where the dialog would
  // hand it back on closing (to the button after the one that opened it).
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={wide ? 'dialog wide' : 'dialog'}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header class="dialog-header">
        <h2>{title}</h2>
        <button type="button" class="icon" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div class="dialog-body">{children}</div>
    </dialog>
  );
}
