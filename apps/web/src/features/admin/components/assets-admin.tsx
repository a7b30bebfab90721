// The admin screen's assets tab (under /admin/assets): avatar items and room decorations of the
// social service, created, listed (withdrawn ones too), changed, given an image, granted.
import type { MetaAsset, MetaAssetKind } from '@chat/contracts';
import { useState } from 'preact/hooks';
import { useAssetList } from '../hooks/use-asset-list.ts';
import { AssetListSection } from './asset-list-section.tsx';
import { NewAssetForm } from './new-asset-form.tsx';

export function AssetsAdmin() {
  const [kind, setKind] = useState<MetaAssetKind | null>(null);
  const assets = useAssetList(kind);
  const [open, setOpen] = useState<number | null>(null);
  /** Per asset, how many images were uploaded here: the thumbnails' addresses change with it. */
  const [versions, setVersions] = useState<Record<number, number>>({});

  const created = (asset: MetaAsset) => {
    // Shown at once (opened for its image and grants); another kind's list is left for all kinds.
    if (kind !== null && kind !== asset.kind) setKind(null);
    else assets.put(asset);
    setOpen(asset.id);
  };

  return (
    <>
      <NewAssetForm onCreated={created} />
      <AssetListSection
        kind={kind}
        onKind={(k) => {
          setKind(k);
          setOpen(null);
        }}
        list={assets.list}
        error={assets.error}
        loading={assets.loading}
        onMore={assets.more}
        open={open}
        onOpen={setOpen}
        versions={versions}
        onChanged={assets.put}
        onImage={(asset) => {
          setVersions((v) => ({ ...v, [asset.id]: (v[asset.id] ?? 0) + 1 }));
          assets.put(asset);
        }}
      />
    </>
  );
}
