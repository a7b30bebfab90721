// The people picked for a group or an invite, in the order they were picked: never me, never
// twice, and never someone already in the room.
export interface Pick {
  readonly id: number;
  readonly nickname: string;
}

export interface Selection {
  readonly picked: readonly Pick[];
  /** Who cannot be picked (me, members already in the room). */
  readonly excluded: ReadonlySet<number>;
}

export function emptySelection(excluded: Iterable<number>): Selection {
  return { picked: [], excluded: new Set(excluded) };
}

export const canPick = (s: Selection, id: number) => !s.excluded.has(id) && !isPicked(s, id);
export const isPicked = (s: Selection, id: number) => s.picked.some((p) => p.id === id);

export function pick(s: Selection, person: Pick): Selection {
  return canPick(s, person.id) ? { ...s, picked: [...s.picked, person] } : s;
}

export function unpick(s: Selection, id: number): Selection {
  return isPicked(s, id) ? { ...s, picked: s.picked.filter((p) => p.id !== id) } : s;
}

export function toggle(s: Selection, person: Pick): Selection {
  return isPicked(s, person.id) ? unpick(s, person.id) : pick(s, person);
}

export const pickedIds = (s: Selection) => s.picked.map((p) => p.id);
