import { useEffect, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import { applyLastSeen, fromList, type LastSeenMap } from '../state/last-seen.ts';

/** The room's members' last seen: read on open and after each reconnect, moved by OFFLINE events. */
export function useLastSeen({ api, realtime }: Services, roomId: number): LastSeenMap {
  const [map, setMap] = useState<LastSeenMap>(() => new Map());
  useEffect(() => {
    let live = true;
    const off = realtime.subscribe('/topic/presence', (body) =>
      setMap((m) => applyLastSeen(m, body as { userId: number; status: string; lastSeenAt?: string })),
    );
    const load = () =>
      api
        .request<{ userId: number; lastSeenAt: string | null }[]>(
          'GET',
          `/api/rooms/${roomId}/members/last-seen`,
        )
        .then((list) => live && setMap((m) => new Map([...m, ...fromList(list)])))
        .catch(() => {});
    void load();
    const offConn = realtime.onConnected(() => void load());
    return () => {
      live = false;
      off();
      offConn();
    };
  }, [api, realtime, roomId]);
  return map;
}
