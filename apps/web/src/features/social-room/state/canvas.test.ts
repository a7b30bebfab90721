import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as contract from '@chat/contracts';
import * as c from './canvas.ts';

describe('room canvas', () => {
  it("the client's limits are the contract's", () => {
    assert.equal(c.ROOM_WIDTH, contract.ROOM_WIDTH);
    assert.equal(c.ROOM_HEIGHT, contract.ROOM_HEIGHT);
    assert.equal(c.ROOM_DECORATIONS_MAX, contract.ROOM_DECORATIONS_MAX);
    assert.equal(c.ROOM_Z_MAX, contract.ROOM_Z_MAX);
    assert.equal(c.ROOM_TITLE_MAX, contract.ROOM_TITLE_MAX);
    assert.equal(c.ROOM_INTRO_MAX, contract.ROOM_INTRO_MAX);
    assert.equal(c.GUESTBOOK_TEXT_MAX, contract.GUESTBOOK_TEXT_MAX);
  });

  it('scales to the width, keeping 1000 x 600', () => {
    assert.deepEqual(c.canvasBox(1000), { width: 1000, height: 600, scale: 1 });
    assert.deepEqual(c.canvasBox(360), { width: 360, height: 216, scale: 0.36 });
    assert.deepEqual(c.canvasBox(-5), { width: 0, height: 0, scale: 0 });
  });

  it('clamps positions into the canvas, in whole units', () => {
    assert.deepEqual(c.clampPoint({ x: -3, y: 700 }), { x: 0, y: 600 });
    assert.deepEqual(c.clampPoint({ x: 1200.4, y: 10.6 }), { x: 1000, y: 11 });
    assert.deepEqual(c.clampPoint({ x: Number.NaN, y: 5 }), { x: 0, y: 5 });
  });

  it('maps a pointer on the scaled canvas back to canvas units', () => {
    const rect = { left: 10, top: 100, width: 360 };
    assert.deepEqual(c.pointFromScreen(10 + 180, 100 + 108, rect), { x: 500, y: 300 });
    assert.deepEqual(c.pointFromScreen(0, 0, rect), { x: 0, y: 0 });
    assert.deepEqual(c.pointFromScreen(1000, 1000, rect), { x: 1000, y: 600 });
    assert.deepEqual(c.pointFromScreen(5, 5, { left: 0, top: 0, width: 0 }), { x: 0, y: 0 });
  });

  it('draws a decoration centred on its point, in percentages', () => {
    assert.deepEqual(c.placementStyle({ x: 500, y: 300 }), { left: '44%', top: '40%', width: '12%' });
  });
});
