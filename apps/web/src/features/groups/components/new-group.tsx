// "New group": a name and the people picked, created with POST /api/rooms/group.
import { useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { Dialog } from '../../../components/dialog.tsx';
import { PeoplePicker } from '../../../components/people-picker/people-picker.tsx';
import { emptySelection, pickedIds } from '../../../components/people-picker/selection.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { ApiError } from '../../../lib/http.ts';
import type { RoomDetail } from '../../../lib/wire.ts';

interface Props {
  onClose(): void;
  onCreated(roomId: number): void;
}

export function NewGroup({ onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { api, me } = useServices();
  const [name, setName] = useState('');
  const [selection, setSelection] = useState(() => emptySelection([me.userId]));
  const [error, setError] = useState<{ name?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (selection.picked.length === 0) return setError({ form: t('pickSomeone') });
    setBusy(true);
    setError({});
    try {
      const room = await api.request<RoomDetail>('POST', '/api/rooms/group', {
        name: name.trim(),
        memberIds: pickedIds(selection),
      });
      onCreated(room.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : t('genericError');
      const onName = err instanceof ApiError && err.status === 400 && /\bname\b/i.test(err.message);
      setError(onName ? { name: t('groupNameInvalid') } : { form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('newGroup')} onClose={onClose}>
      <form class="group-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="group-name">{t('groupName')}</label>
          <input
            id="group-name"
            type="text"
            value={name}
            aria-invalid={error.name ? 'true' : undefined}
            aria-describedby={error.name ? 'group-name-error' : undefined}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
          {error.name ? (
            <p class="field-error" id="group-name-error" role="alert">
              {error.name}
            </p>
          ) : null}
        </div>
        <PeoplePicker id="group-people" selection={selection} onChange={setSelection} />
        {error.form ? (
          <p class="field-error" role="alert">
            {error.form}
          </p>
        ) : null}
        <button class="primary" type="submit" disabled={busy}>
          {t('createGroup')}
        </button>
      </form>
    </Dialog>
  );
}
