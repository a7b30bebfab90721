import { useEffect, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';

let cached: Promise<readonly string[]> | null = null;

/** The reactions the server takes (`GET /api/rooms/reactions`), asked once per page load. */
export function useReactionSet({ api }: Services): readonly string[] {
  const [set, setSet] = useState<readonly string[]>([]);
  useEffect(() => {
    cached ??= api
      .request<{ reactions: string[] }>('GET', '/api/rooms/reactions')
      .then((r) => r.reactions)
      .catch((err: unknown) => {
        cached = null; // asked again by the next room
        throw err;
      });
    let live = true;
    cached.then((r) => live && setSet(r)).catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  return set;
}
