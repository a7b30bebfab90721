// The composer's emoticon panel: my packs as tabs, the open pack's emoticons as a grid; choosing
// one sends it. Without packs, the way to the shop.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { EmoticonImage } from '../../../components/emoticon-image.tsx';
import { useI18n } from '../../../i18n/i18n.ts';
import { useLoad, useStore } from '../hooks/use-store.ts';
import {
  openPack,
  type PickedEmoticon,
  picked,
  pickerPacks,
  rememberedPack,
  rememberPack,
} from '../state/picker.ts';

interface Props {
  onPick(emoticon: PickedEmoticon): void;
  onOpenShop(): void;
}

export function EmoticonPicker({ onPick, onOpenShop }: Props) {
  const { t } = useI18n();
  const { me } = useServices();
  const store = useStore();
  const inventory = useLoad(() => store.inventory(), [store]);
  const packs = useMemo(() => pickerPacks(inventory.value?.packs ?? []), [inventory.value]);
  const [wanted, setWanted] = useState(() => rememberedPack(localStorage, me.userId));
  const pack = openPack(packs, wanted);

  if (inventory.error && !inventory.value) {
    return (
      <div class="emoticon-picker">
        <p class="field-error" role="alert">
          {inventory.error}
        </p>
      </div>
    );
  }
  if (!inventory.value) {
    return (
      <div class="emoticon-picker">
        <p class="empty">…</p>
      </div>
    );
  }
  if (!pack) {
    return (
      <div class="emoticon-picker">
        <p class="empty">
          {t('emoticonEmpty')}{' '}
          <a
            href="/store"
            onClick={(e) => {
              e.preventDefault();
              onOpenShop();
            }}
          >
            {t('storeGoShop')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div class="emoticon-picker" role="dialog" aria-label={t('emoticonPicker')}>
      <div class="emoticon-tabs" role="tablist" aria-label={t('emoticonPacks')}>
        {packs.map((p) => {
          const cover = p.emoticons[0];
          return (
            <button
              key={p.itemId}
              type="button"
              role="tab"
              class="emoticon-tab"
              aria-selected={p.itemId === pack.itemId}
              aria-controls="emoticon-panel"
              title={p.title}
              onClick={() => {
                setWanted(p.itemId);
                rememberPack(localStorage, me.userId, p.itemId);
              }}
            >
              {cover ? <EmoticonImage imageUrl={cover.imageUrl} alt={p.title} size="sm" /> : p.title}
            </button>
          );
        })}
      </div>
      <ul id="emoticon-panel" class="emoticon-grid picker-grid" role="tabpanel" aria-label={pack.title}>
        {pack.emoticons.map((e) => (
          <li key={e.index}>
            <button
              type="button"
              class="emoticon-choice"
              aria-label={t('emoticonSend').replace('{alt}', e.alt)}
              onClick={() => {
                const choice = picked(pack, e.index);
                if (choice) onPick(choice);
              }}
            >
              <EmoticonImage imageUrl={e.imageUrl} alt={e.alt} decorative />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
