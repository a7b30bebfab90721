import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parentOf, parseStorePath, type StorePage, storePath } from './routes.ts';

describe('shop addresses', () => {
  it('parses each page and writes it back', () => {
    const pages: [string, StorePage][] = [
      ['/store', { kind: 'catalog' }],
      ['/store/items/12', { kind: 'item', id: 12 }],
      ['/store/orders/3', { kind: 'order', id: 3 }],
      ['/store/me', { kind: 'me' }],
      ['/store/points', { kind: 'points' }],
    ];
    for (const [path, page] of pages) {
      assert.deepEqual(parseStorePath(path), page);
      assert.deepEqual(parseStorePath(`${path}/`), page);
      assert.equal(storePath(page), path);
    }
  });
  it('other paths are not the shop', () => {
    for (const p of [
      '/',
      '/stores',
      '/store/items',
      '/store/items/x',
      '/store/items/0',
      '/store/orders/1/x',
      '/store/pointsx',
    ])
      assert.equal(parseStorePath(p), null, p);
  });
  it('back goes up: item and mine to the catalog, an order and the top-up to mine, the catalog out', () => {
    assert.deepEqual(parentOf({ kind: 'item', id: 1 }), { kind: 'catalog' });
    assert.deepEqual(parentOf({ kind: 'order', id: 1 }), { kind: 'me' });
    assert.deepEqual(parentOf({ kind: 'points' }), { kind: 'me' });
    assert.deepEqual(parentOf({ kind: 'me' }), { kind: 'catalog' });
    assert.equal(parentOf({ kind: 'catalog' }), null);
  });
});
