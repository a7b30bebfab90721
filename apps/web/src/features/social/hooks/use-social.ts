// The social client for components, and images that need the bearer token.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { type SocialApi, socialApi } from '../api/social-api.ts';

export function useSocial(): SocialApi {
  const { api } = useServices();
  return useMemo(() => socialApi(api), [api]);
}

/**
 * An object URL of a post image (fetched with the token: an <img src> cannot send one), revoked
 * when the component leaves. Null while loading, 'error' when it cannot be read.
 */
export function usePostImage(path: string): string | null | 'error' {
  const { api } = useServices();
  const [url, setUrl] = useState<string | null | 'error'>(null);
  useEffect(() => {
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
