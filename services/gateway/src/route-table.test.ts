import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { routeOf, websocketRouteOf } from './route-table.ts';

describe('route table', () => {
  test('routes each prefix to its group on segment boundaries only', () => {
    assert.equal(routeOf('/api/auth/login')?.group, 'auth');
    assert.equal(routeOf('/api/users/me')?.group, 'users');
    assert.equal(routeOf('/api/rooms')?.group, 'chat');
    assert.equal(routeOf('/api/rooms/7/messages')?.group, 'chat');
    assert.equal(routeOf('/api/batch/jobs')?.group, 'batch');
    assert.equal(routeOf('/api/roomsx'), undefined);
    assert.equal(routeOf('/actuator/health'), undefined);
    assert.equal(routeOf('/'), undefined);
  });

  test('WebSocket routes match the exact path and are not HTTP routes', () => {
    assert.equal(websocketRouteOf('/ws')?.group, 'chat');
    assert.equal(websocketRouteOf('/ws/x'), undefined);
    assert.equal(routeOf('/ws'), undefined);
  });
});
