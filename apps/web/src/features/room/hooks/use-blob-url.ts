import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../../../lib/http.ts';
import { saveBlob } from '../../../lib/save-blob.ts';

/**
 * An object URL of a file the server gives members only (fetched with the bearer token, since
 * an <img src> cannot send one); revoked when the component leaves. Null while loading,
 * 'error' when the server refused or the network failed.
 */
export function useBlobUrl(api: Api, path: string | null): string | null | 'error' {
  const [url, setUrl] = useState<string | null | 'error'>(null);
  useEffect(() => {
    if (!path) return;
    let made: string | undefined;
    let live = true;
    setUrl(null);
    api.blob(path).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => live && setUrl('error'),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, path]);
  return url;
}

/** Saves a members-only file under its name (fetched with the token, then handed to the browser). */
export async function saveFile(api: Api, path: string, name: string): Promise<void> {
  saveBlob(await api.blob(path), name);
}
