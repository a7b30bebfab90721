// One asset's administration, opened from its row of the list: details and catalog state, its
// image, grants.
import type { MetaAsset } from '@chat/contracts';
import { useI18n } from '../../../i18n/i18n.ts';
import { AssetDetailsForm } from './asset-details-form.tsx';
import { AssetGrantForm } from './asset-grant-form.tsx';
import { AssetImageForm } from './asset-image-form.tsx';

interface Props {
  asset: MetaAsset;
  imageVersion: number;
  onChanged(asset: MetaAsset): void;
  onImage(asset: MetaAsset): void;
}

export function AssetPanel({ asset, imageVersion, onChanged, onImage }: Props) {
  const { t } = useI18n();
  return (
    <section
      id={`asset-${asset.id}-panel`}
      class="asset-panel"
      aria-label={`${asset.name} ${t('assetManage')}`}
    >
      <AssetImageForm asset={asset} version={imageVersion} onUploaded={onImage} />
      <AssetDetailsForm asset={asset} onChanged={onChanged} />
      <AssetGrantForm asset={asset} />
    </section>
  );
}
