import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINI_ROOM_THEMES, type MiniRoom } from '@chat/contracts';
import {
  backgroundStyle,
  counterText,
  type SettingsForm,
  settingsBody,
  settingsOf,
  THEMES,
} from './room-view.ts';

const room = (over: Partial<MiniRoom> = {}): MiniRoom => ({
  owner: { id: 7, nickname: '민지', profileImageUrl: null, avatar: [] },
  title: '민지',
  theme: 'CLASSIC',
  background: { color: '#ffeedd', asset: null },
  intro: '',
  decorations: [],
  visitors: { today: 0, total: 0 },
  mine: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('room view', () => {
  it("the themes are the contract's", () => {
    assert.deepEqual([...THEMES], [...MINI_ROOM_THEMES]);
  });

  it('shows the counter with grouped digits', () => {
    assert.equal(
      counterText({ today: 1, total: 1234 }, 'en', 'today {today} / total {total}'),
      'today 1 / total 1,234',
    );
    assert.equal(counterText({ today: 0, total: 5 }, 'ko', '오늘 {today} / 전체 {total}'), '오늘 0 / 전체 5');
  });

  it('draws a colour or a decoration as the background', () => {
    assert.deepEqual(backgroundStyle({ color: '#112233', asset: null }), { backgroundColor: '#112233' });
    assert.deepEqual(backgroundStyle({ color: 'red;x', asset: null }), {});
    const asset = {
      id: 3,
      kind: 'DECORATION' as const,
      category: 'c',
      name: 'n',
      imageUrl: '/api/social/assets/3/image',
    };
    assert.deepEqual(backgroundStyle({ color: null, asset }), {
      backgroundImage: 'url("/api/social/assets/3/image")',
    });
  });

  it('reads the form: no title while it is the nickname', () => {
    const f = settingsOf(room());
    assert.deepEqual(f, {
      title: '',
      theme: 'CLASSIC',
      bgKind: 'color',
      color: '#FFEEDD',
      assetId: null,
      intro: '',
    });
    assert.equal(settingsOf(room({ title: '민지네 방' })).title, '민지네 방');
  });

  it('sends only what changed', () => {
    const before = settingsOf(room());
    const same: SettingsForm = { ...before };
    assert.equal(settingsBody(before, same), null);
    assert.deepEqual(settingsBody(before, { ...before, title: ' 내 방 ', theme: 'NIGHT' }), {
      title: '내 방',
      theme: 'NIGHT',
    });
    assert.deepEqual(settingsBody({ ...before, title: '내 방' }, before), { title: null });
    assert.deepEqual(settingsBody(before, { ...before, color: '#aabbcc' }), {
      background: { color: '#AABBCC' },
    });
    assert.deepEqual(settingsBody(before, { ...before, bgKind: 'asset', assetId: 9 }), {
      background: { assetId: 9 },
    });
    assert.equal(settingsBody(before, { ...before, bgKind: 'asset', assetId: null }), null);
    assert.deepEqual(settingsBody(before, { ...before, intro: '안녕\n하세요' }), { intro: '안녕\n하세요' });
  });
});
