// Account settings (from my profile): notifications, password, signed-in devices, data export, deletion.
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../i18n/i18n.ts';
import { DeleteSection } from './delete-section.tsx';
import { ExportSection } from './export-section.tsx';
import { NotificationsSection } from './notifications-section.tsx';
import { PasswordSection } from './password-section.tsx';
import { SessionsSection } from './sessions-section.tsx';

interface Props {
  onBack(): void;
  /** My account is gone: sign out here (the server ended every session already). */
  onDeleted(): void;
  /** The notification bell, at the header's end on narrow screens (composed by the app). */
  bell?: ComponentChildren;
}

export function AccountScreen({ onBack, onDeleted, bell }: Props) {
  const { t } = useI18n();
  return (
    <section class="account" aria-labelledby="account-title">
      <header class="room-header">
        <button type="button" class="icon back account-back" aria-label={t('back')} onClick={onBack}>
          ‹
        </button>
        <h2 id="account-title">{t('accountSettings')}</h2>
        {bell}
      </header>
      <div class="account-body">
        <NotificationsSection />
        <PasswordSection />
        <SessionsSection />
        <ExportSection />
        <DeleteSection onDeleted={onDeleted} />
      </div>
    </section>
  );
}
