// Who of a room is online: a snapshot (`GET /api/rooms/{id}/members/online`) with the
// `/topic/presence` events on top. Events that arrive while the snapshot is in flight may be
// older or newer than it, so they are kept and applied again over it in arrival order: an
// event the snapshot already reflects changes nothing, a newer one wins.

export interface PresenceEvent {
  userId: number;
  status: 'ONLINE' | 'OFFLINE';
  timestamp: number;
}

export type Online = ReadonlySet<number>;

export function applyPresence(online: Online, e: PresenceEvent): Online {
  if (online.has(e.userId) === (e.status === 'ONLINE')) return online;
  const next = new Set(online);
  if (e.status === 'ONLINE') next.add(e.userId);
  else next.delete(e.userId);
  return next;
}

/** The snapshot, then the events heard since its request went out. */
export function fromSnapshot(ids: readonly number[], heardSince: readonly PresenceEvent[]): Online {
  return heardSince.reduce(applyPresence, new Set(ids) as Online);
}
