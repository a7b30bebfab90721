// An asset given to one user, picked by nickname through the people search. A user who already
// owns it is told apart from a failure; a withdrawn asset cannot be granted.
import type { MetaAsset } from '@chat/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PersonPicker, type PickedPerson } from '../../../components/person-picker.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import type { ApiError } from '../../../lib/http.ts';
import { useAssetsAdmin } from '../hooks/use-asset-list.ts';
import { grantRefusal } from '../state/asset-form.ts';

type Result = { kind: 'granted' | 'owned' | 'error'; text: string };

export function AssetGrantForm({ asset }: { asset: MetaAsset }) {
  const { t } = useI18n();
  const admin = useAssetsAdmin();
  const [user, setUser] = useState<PickedPerson | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `asset-${asset.id}-grant`;
  // The keyboard follows the pick: to the grant button once a user is chosen, back to the search.
  const submit = useRef<HTMLButtonElement>(null);
  const picked = useRef(false);
  useEffect(() => {
    if (user) submit.current?.focus();
    else if (picked.current) document.getElementById(`${id}-query`)?.focus();
    picked.current = user !== null;
  }, [user, id]);

  const grant = async (e: Event) => {
    e.preventDefault();
    if (!user) {
      setResult({ kind: 'error', text: t('assetGrantPickUser') });
      document.getElementById(`${id}-query`)?.focus();
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      await admin.grant(asset.id, user.id);
      setResult({ kind: 'granted', text: t('assetGranted').replace('{name}', user.nickname) });
    } catch (err) {
      const refusal = grantRefusal(err as ApiError, asset.active);
      setResult({
        kind: refusal === 'assetGrantOwned' ? 'owned' : 'error',
        text: refusal ? t(refusal).replace('{name}', user.nickname) : (err as Error).message,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="account-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void grant(e)} noValidate>
      <h4 id={`${id}-title`} class="store-subtitle">
        {t('assetGrant')}
      </h4>
      <PersonPicker
        id={id}
        label={t('assetGrantUser')}
        changeLabel={t('assetGrantChange')}
        value={user}
        onChange={(picked) => {
          setUser(picked);
          setResult(null);
        }}
      />
      {!asset.active ? <p class="field-hint">{t('assetGrantWithdrawn')}</p> : null}
      {result ? (
        <p class={`asset-result ${result.kind}`} role={result.kind === 'error' ? 'alert' : 'status'}>
          {result.text}
        </p>
      ) : null}
      <button ref={submit} type="submit" class="primary" disabled={busy || !asset.active}>
        {t('assetGrantSubmit')}
      </button>
    </form>
  );
}
