import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MetaAssetRef } from '@chat/contracts';
import * as d from './decorations.ts';

const asset = (id: number): MetaAssetRef => ({
  id,
  kind: 'DECORATION',
  category: 'furniture',
  name: `deco ${id}`,
  imageUrl: `/api/social/assets/${id}/image`,
});
const empty: d.EditorState = { items: [], selected: null };
const ids = (items: readonly d.Placed[]) => items.map((p) => p.asset.id);

describe('decoration editor', () => {
  it('adds in the middle, above the rest, once, and selects it', () => {
    let s = d.add(empty, asset(1));
    s = d.add(s, asset(2), { x: 1500, y: -4 });
    assert.deepEqual(
      s.items.map(({ asset: a, ...p }) => ({ id: a.id, ...p })),
      [
        { id: 1, x: 500, y: 300, z: 0 },
        { id: 2, x: 1000, y: 0, z: 1 },
      ],
    );
    assert.equal(s.selected, 2);
    const again = d.add(s, asset(1));
    assert.equal(again.items.length, 2);
    assert.equal(again.selected, 1);
    assert.equal(d.canAdd(s, 1), false);
    assert.equal(d.canAdd(s, 3), true);
  });

  it('refuses more than the room holds', () => {
    let s = empty;
    for (let i = 1; i <= 30; i++) s = d.add(s, asset(i));
    assert.equal(d.canAdd(s, 31), false);
  });

  it('moves and nudges inside the canvas', () => {
    let s = d.add(empty, asset(1));
    s = d.move(s, 1, { x: 20.4, y: 999 });
    assert.deepEqual([s.items[0]!.x, s.items[0]!.y], [20, 600]);
    s = d.nudge(s, 1, -50, -10);
    assert.deepEqual([s.items[0]!.x, s.items[0]!.y], [0, 590]);
  });

  it('removes, clearing the selection of the removed one', () => {
    let s = d.add(d.add(empty, asset(1)), asset(2));
    s = d.remove(s, 2);
    assert.deepEqual(ids(s.items), [1]);
    assert.equal(s.selected, null);
  });

  it('reorders one step at a time and renumbers z from 0', () => {
    let s = d.add(d.add(d.add(empty, asset(1)), asset(2)), asset(3));
    s = d.reorder(s, 3, -1);
    assert.deepEqual(ids(d.drawOrder(s.items)), [1, 3, 2]);
    assert.equal(d.layerOf(s.items, 3), 2);
    s = d.reorder(s, 1, -1);
    assert.deepEqual(ids(d.drawOrder(s.items)), [1, 3, 2], 'the bottom one stays');
    s = d.reorder(s, 1, 1);
    assert.deepEqual(ids(d.drawOrder(s.items)), [3, 1, 2]);
    assert.deepEqual(
      s.items.map((p) => p.z),
      [1, 2, 0],
    );
  });

  it('draws equal z in placement order', () => {
    const items: d.Placed[] = [
      { asset: asset(1), x: 0, y: 0, z: 5 },
      { asset: asset(2), x: 0, y: 0, z: 0 },
      { asset: asset(3), x: 0, y: 0, z: 5 },
    ];
    assert.deepEqual(ids(d.drawOrder(items)), [2, 1, 3]);
  });

  it('saves the whole set, and knows when it differs from the room', () => {
    const room = { decorations: [{ asset: asset(1), x: 10, y: 20, z: 0 }] };
    let s = d.fromRoom(room);
    assert.equal(d.isDirty(s, room), false);
    s = d.add(s, asset(2), { x: 100, y: 200 });
    assert.deepEqual(d.saveBody(s), {
      decorations: [
        { assetId: 1, x: 10, y: 20, z: 0 },
        { assetId: 2, x: 100, y: 200, z: 1 },
      ],
    });
    assert.equal(d.isDirty(s, room), true);
    assert.deepEqual(d.saveBody(d.remove(d.remove(s, 1), 2)), { decorations: [] });
  });
});
