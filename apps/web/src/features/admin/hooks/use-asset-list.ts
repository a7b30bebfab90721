// The assets' client for the admin screen, and the list it shows: the first page of a kind,
// more pages on demand, assets created or changed put in their place. An answer for a kind no
// longer shown is dropped.
import type { MetaAsset, MetaAssetKind } from '@chat/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useOneAtATime } from '../../../lib/one-at-a-time.ts';
import { type AssetsAdminApi, assetsAdminApi } from '../api/assets-admin-api.ts';
import { type AssetList, emptyAssetList, withAsset, withPage } from '../state/asset-list.ts';

export function useAssetsAdmin(): AssetsAdminApi {
  const { api } = useServices();
  return useMemo(() => assetsAdminApi(api), [api]);
}

export function useAssetList(kind: MetaAssetKind | null) {
  const admin = useAssetsAdmin();
  const [list, setList] = useState<AssetList>(emptyAssetList);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const loadingMore = useOneAtATime();
  /** The kind the list is of: answers for another are dropped. */
  const shown = useRef(kind);

  const load = useCallback(
    async (from: AssetList) => {
      const of = kind;
      setLoading(true);
      try {
        const page = await admin.list(of, from.nextCursor);
        if (shown.current !== of) return;
        setList((l) => withPage(l, page));
        setError(null);
      } catch (e) {
        if (shown.current === of) setError((e as Error).message);
      } finally {
        if (shown.current === of) setLoading(false);
      }
    },
    [admin, kind],
  );

  useEffect(() => {
    shown.current = kind;
    setList(emptyAssetList);
    void load(emptyAssetList);
  }, [kind, load]);

  return {
    list,
    error,
    loading,
    more: () => void loadingMore.run(() => load(list)),
    put: (asset: MetaAsset) => setList((l) => withAsset(l, asset, kind)),
  };
}
