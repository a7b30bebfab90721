// What the user typed and has not sent, per room, kept in sessionStorage: it survives a reload
// and an expired session (the login screen replaces the room; logging in again brings it back)
// in this tab, and never reaches another user who signs in here.

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface Draft {
  load(): string;
  /** Empty text removes the draft (sent, or deleted by the user). */
  save(text: string): void;
}

const keyOf = (userId: number, roomId: number) => `chat.draft.${userId}.${roomId}`;

/** `storage` null or failing (disabled, full): drafts live only as long as the composer. */
export function roomDraft(storage: DraftStorage | null, userId: number, roomId: number): Draft {
  const key = keyOf(userId, roomId);
  return {
    load() {
      try {
        return storage?.getItem(key) ?? '';
      } catch {
        return '';
      }
    },
    save(text) {
      try {
        if (text === '') storage?.removeItem(key);
        else storage?.setItem(key, text);
      } catch {
        // Best effort: a draft that cannot be kept is still in the composer.
      }
    },
  };
}

/** Logging out on purpose leaves nothing typed behind in the tab. */
export function clearDrafts(
  storage: (DraftStorage & Pick<Storage, 'key' | 'length'>) | null,
  userId: number,
) {
  if (!storage) return;
  try {
    const prefix = `chat.draft.${userId}.`;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    for (const k of keys) storage.removeItem(k);
  } catch {
    // Nothing to clear where storage is unavailable.
  }
}

/** The tab's sessionStorage, or null where it is unavailable (e.g. blocked storage). */
export function sessionDrafts(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
