import { useI18n } from '../../../i18n/i18n.ts';
import { DisclosureMenu } from './disclosure-menu.tsx';

interface Props {
  onReply(): void;
  onHide(): void;
  /** Mine only: edit, unsend for everyone. */
  onEdit?: (() => void) | undefined;
  onUnsend?: (() => void) | undefined;
}

/** The "⋯" menu of a message: reply, delete for me; on my own, edit and unsend for everyone too. */
export function MessageActions({ onReply, onHide, onEdit, onUnsend }: Props) {
  const { t } = useI18n();
  const item = (label: string, run: () => void, close: () => void, danger = false) => (
    <button
      type="button"
      class={danger ? 'danger-link' : undefined}
      onClick={() => {
        close();
        run();
      }}
    >
      {label}
    </button>
  );
  return (
    <DisclosureMenu label={t('messageActions')} icon="⋯">
      {(close) => (
        <>
          {item(t('reply'), onReply, close)}
          {onEdit ? item(t('editMessage'), onEdit, close) : null}
          {item(t('hideMessage'), onHide, close)}
          {onUnsend ? item(t('unsendMessage'), onUnsend, close, true) : null}
        </>
      )}
    </DisclosureMenu>
  );
}
