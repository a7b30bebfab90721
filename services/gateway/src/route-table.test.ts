import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { routeOf, sockJsSessionOf, websocketRouteOf } from './route-table.ts';

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

  test('/ws: upgrades of the path and under it (SockJS); HTTP only under it', () => {
    assert.equal(websocketRouteOf('/ws')?.group, 'chat');
    assert.equal(websocketRouteOf('/ws/123/abcd/websocket')?.group, 'chat');
    assert.equal(websocketRouteOf('/wsx'), undefined);
    assert.equal(routeOf('/ws'), undefined, 'a plain GET /ws is answered here (400)');
    assert.equal(routeOf('/ws/info')?.group, 'chat');
    assert.equal(routeOf('/ws/123/abcd/xhr_streaming')?.group, 'chat');
  });

  test('a SockJS request names its session; info and the iframe page do not', () => {
    assert.equal(sockJsSessionOf('/ws/123/abcd/xhr'), '123/abcd');
    assert.equal(sockJsSessionOf('/ws/123/abcd/xhr_send'), '123/abcd');
    assert.equal(sockJsSessionOf('/ws/info'), undefined);
    assert.equal(sockJsSessionOf('/ws/iframe.html'), undefined);
    assert.equal(sockJsSessionOf('/api/rooms/1/xhr'), undefined);
  });
});
