import { useEffect, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import { applyPresence, fromSnapshot, type Online, type PresenceEvent } from '../state/presence.ts';

/** Which members of the room are online: a snapshot (again after each reconnect) and live events. */
export function usePresence({ api, realtime }: Services, roomId: number): Online {
  const [online, setOnline] = useState<Online>(() => new Set());
  useEffect(() => {
    let live = true;
    let heard: PresenceEvent[] = [];
    let loads = 0;
    const off = realtime.subscribe('/topic/presence', (body) => {
      const e = body as PresenceEvent;
      if (loads > 0) heard.push(e);
      setOnline((s) => applyPresence(s, e));
    });
    const load = () => {
      loads++;
      api
        .request<number[]>('GET', `/api/rooms/${roomId}/members/online`)
        .then((ids) => live && setOnline(fromSnapshot(ids, heard)))
        .catch(() => {})
        .finally(() => {
          if (--loads === 0) heard = [];
        });
    };
    load();
    const offConn = realtime.onConnected(load);
    return () => {
      live = false;
      off();
      offConn();
    };
  }, [api, realtime, roomId]);
  return online;
}
