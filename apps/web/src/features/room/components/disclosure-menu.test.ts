import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeMenu } from './disclosure-menu.tsx';

const rect = (left: number, top: number) =>
  ({ left, top, right: left + 20, bottom: top + 20, width: 20, height: 20, x: left, y: top }) as DOMRect;

describe('placeMenu', () => {
  const viewport = { width: 1000, height: 800 };
  it('opens below a button in the upper half, above one in the lower half', () => {
    assert.deepEqual(placeMenu(rect(100, 50), viewport), { top: '74px', left: '100px' });
    assert.deepEqual(placeMenu(rect(100, 700), viewport), { bottom: '104px', left: '100px' });
  });
  it('hangs from the right edge of a button on the right side, never past the screen', () => {
    assert.deepEqual(placeMenu(rect(900, 50), viewport), { top: '74px', right: '80px' });
    assert.deepEqual(placeMenu(rect(995, 50), viewport), { top: '74px', right: '8px' });
    assert.deepEqual(placeMenu(rect(-5, 50), viewport), { top: '74px', left: '8px' });
  });
});
