import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearDrafts, type DraftStorage, roomDraft } from './drafts.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('drafts', () => {
  it('keeps what I typed per room, for a composer opened again (after logging in again)', () => {
    const storage = memoryStorage();
    roomDraft(storage, 7, 1).save('보내지 못한 말\n두 줄');
    roomDraft(storage, 7, 2).save('other room');
    assert.equal(roomDraft(storage, 7, 1).load(), '보내지 못한 말\n두 줄');
    assert.equal(roomDraft(storage, 7, 2).load(), 'other room');
  });

  it('is gone once sent or cleared, and never shown to another user of the tab', () => {
    const storage = memoryStorage();
    const draft = roomDraft(storage, 7, 1);
    draft.save('secret');
    assert.equal(roomDraft(storage, 8, 1).load(), '');
    draft.save('');
    assert.equal(draft.load(), '');
    assert.equal(storage.map.size, 0);
  });

  it("logging out on purpose clears that user's drafts only", () => {
    const storage = memoryStorage();
    roomDraft(storage, 7, 1).save('a');
    roomDraft(storage, 7, 2).save('b');
    roomDraft(storage, 8, 1).save('c');
    storage.setItem('chat.lang', 'en');
    clearDrafts(storage, 7);
    assert.deepEqual([...storage.map.keys()].sort(), ['chat.draft.8.1', 'chat.lang']);
  });

  it('works without storage, or with one that throws (full, blocked)', () => {
    assert.equal(roomDraft(null, 7, 1).load(), '');
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    roomDraft(broken, 7, 1).save('x');
    assert.equal(roomDraft(broken, 7, 1).load(), '');
  });
});
