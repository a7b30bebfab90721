import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canPick, emptySelection, isPicked, pick, pickedIds, toggle, unpick } from './selection.ts';

const me = 1;
const bob = { id: 2, nickname: '밥' };
const carol = { id: 3, nickname: '캐럴' };

test('picks keep their order and never repeat', () => {
  let s = emptySelection([me]);
  s = pick(s, carol);
  s = pick(s, bob);
  s = pick(s, carol);
  assert.deepEqual(pickedIds(s), [3, 2]);
  assert.ok(isPicked(s, 2));
});

test('me and people already in the room cannot be picked', () => {
  const s = emptySelection([me, 3]);
  assert.equal(canPick(s, me), false);
  assert.deepEqual(pickedIds(pick(pick(s, { id: me, nickname: '나' }), carol)), []);
  assert.equal(canPick(s, 2), true);
});

test('a pick can be removed (the chip), and toggling picks or removes', () => {
  let s = pick(pick(emptySelection([me]), bob), carol);
  s = unpick(s, 2);
  assert.deepEqual(pickedIds(s), [3]);
  assert.equal(unpick(s, 99), s, 'removing someone not picked changes nothing');
  s = toggle(s, carol);
  assert.deepEqual(pickedIds(s), []);
  s = toggle(s, bob);
  assert.deepEqual(pickedIds(s), [2]);
});
