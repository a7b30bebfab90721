import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoomSummary } from '../../../lib/wire.ts';
import { createListLoads } from './list-loads.ts';

const room = (id: number, updatedAt = `2026-12-0${id}T00:00:00Z`): RoomSummary => ({
  id,
  name: `방${id}`,
  type: 'GROUP',
  memberCount: 3,
  unreadCount: 0,
  lastMessage: null,
  updatedAt,
  peer: null,
});
const ids = (rooms: RoomSummary[] | null) => rooms?.map((r) => r.id) ?? null;

describe('overlapping room list loads (createListLoads)', () => {
  it('applies the events heard while a load ran over its answer, newest room first', () => {
    const loads = createListLoads();
    const ticket = loads.start();
    loads.heard({ type: 'ROOM_ADDED', roomId: 3, room: room(3) });
    loads.heard({ type: 'ROOM_REMOVED', roomId: 1 });
    assert.deepEqual(ids(loads.finish(ticket, [room(1), room(2)])), [3, 2]);
  });

  it('drops an older answer that arrives after a newer one, which holds the room added meanwhile', () => {
    const loads = createListLoads();
    const early = loads.start();
    const late = loads.start();
    loads.heard({ type: 'ROOM_ADDED', roomId: 2, room: room(2) });
    assert.deepEqual(ids(loads.finish(late, [room(1), room(2)])), [2, 1]);
    assert.equal(loads.finish(early, [room(1)]), null);
  });

  it('shows an older answer that arrives first, with the events every running load heard', () => {
    const loads = createListLoads();
    const early = loads.start();
    const late = loads.start();
    loads.heard({ type: 'ROOM_ADDED', roomId: 2, room: room(2) });
    assert.deepEqual(ids(loads.finish(early, [room(1)])), [2, 1]);
    assert.deepEqual(ids(loads.finish(late, [room(1), room(2)])), [2, 1]);
  });

  it('forgets the events of a finished load; a failure shows only when no newer list is shown', () => {
    const loads = createListLoads();
    const first = loads.start();
    assert.deepEqual(ids(loads.finish(first, [room(1)])), [1]);
    loads.heard({ type: 'ROOM_REMOVED', roomId: 1 });
    const second = loads.start();
    assert.deepEqual(ids(loads.finish(second, [room(1)])), [1]);
    const early = loads.start();
    const late = loads.start();
    assert.equal(loads.failed(early), false, 'a newer load is still running');
    assert.deepEqual(ids(loads.finish(late, [])), []);
    assert.equal(loads.failed(loads.start()), true);
  });
});
