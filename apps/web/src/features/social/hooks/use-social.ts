// The social client for components, and images that need the bearer token.
import { useMemo } from 'preact/hooks';
import { useServices } from '../../../app/services.ts';
import { useBlobUrl } from '../../room/hooks/use-blob-url.ts';
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
  return useBlobUrl(api, path);
}
