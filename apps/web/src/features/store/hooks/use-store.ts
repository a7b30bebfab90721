// The store's client for components, and the small lookups its pages share.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import type { PublicProfile } from '../../../lib/wire.ts';
import { type StoreApi, storeApi } from '../api/store-api.ts';

export function useStore(): StoreApi {
  const { api } = useServices();
  return useMemo(() => storeApi(api), [api]);
}

/** Someone's nickname (a gift's giver or receiver); null until known, or when it cannot be read. */
export function useNickname(userId: number | null): string | null {
  const { api } = useServices();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    setName(null);
    if (userId === null) return;
    let live = true;
    api
      .request<PublicProfile>('GET', `/api/users/${userId}`)
      .then((p) => live && setName(p.nickname))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api, userId]);
  return name;
}

/** A value loaded once per `deps` change: the value, or the failure's message; null while loading. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): { value: T | null; error: string | null; reload(): void; set(v: T): void } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((v) => {
        if (!live) return;
        setValue(v);
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [...deps, version]);
  return { value, error, reload: () => setVersion((v) => v + 1), set: setValue };
}
