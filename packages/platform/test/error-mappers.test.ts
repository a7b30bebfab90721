import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERRORS, type ErrorCode, isHttpErrorCode } from '@chat/contracts';
import { AppError, Errors, httpErrorBody, stompErrorPayload } from '../src/index.ts';

const codes = Object.keys(ERRORS).filter((c): c is ErrorCode => c in ERRORS);

test('every code maps to its HTTP body and its STOMP payload as the table says', () => {
  for (const code of codes) {
    const row = ERRORS[code];
    const error = new AppError(code, `failed: ${code}`);
    assert.equal(error.status, row.status, code);
    const body = httpErrorBody(error, '/api/rooms/7?size=3');
    assert.deepEqual(
      { ...body, timestamp: undefined },
      {
        status: row.status,
        error: row.http,
        message: `failed: ${code}`,
        path: '/api/rooms/7',
        timestamp: undefined,
      },
      code,
    );
    assert.ok(!Number.isNaN(Date.parse(body.timestamp)), code);
    assert.deepEqual(stompErrorPayload(error), {
      code: row.stomp,
      message: `failed: ${code}`,
      closes: row.closes,
    });
  }
});

test('the HTTP body round-trips: a service client rebuilds an AppError with the same status and body', () => {
  for (const code of codes) {
    const sent = httpErrorBody(new AppError(code, 'x'), '/p');
    const wire = JSON.parse(JSON.stringify(sent)) as { error: unknown; status: number };
    assert.ok(isHttpErrorCode(wire.error), code);
    const rebuilt = new AppError(wire.error, 'x');
    assert.equal(rebuilt.status, wire.status, code);
    assert.equal(httpErrorBody(rebuilt, '/p').error, sent.error, code);
  }
});

test('the body keeps the contract shape, keys in order', () => {
  const body = httpErrorBody(Errors.notAMember(7), '/api/rooms/7');
  assert.deepEqual(Object.keys(body), ['status', 'error', 'message', 'path', 'timestamp']);
  assert.equal(body.status, 403);
  assert.equal(body.error, 'FORBIDDEN');
});

test('a bug is INTERNAL on both edges, without its message', () => {
  const bug = new TypeError('secret detail');
  assert.deepEqual(
    { ...httpErrorBody(bug, '/x'), timestamp: '' },
    {
      status: 500,
      error: 'INTERNAL',
      message: 'Internal server error',
      path: '/x',
      timestamp: '',
    },
  );
  assert.deepEqual(stompErrorPayload(bug), {
    code: 'INTERNAL',
    message: 'Internal server error',
    closes: false,
  });
  assert.equal(stompErrorPayload('thrown string').code, 'INTERNAL');
});

test('a dependency outage is SERVICE_UNAVAILABLE (503) on both edges', () => {
  const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  assert.equal(httpErrorBody(down, '/x').status, 503);
  assert.equal(httpErrorBody(down, '/x').error, 'SERVICE_UNAVAILABLE');
  assert.equal(stompErrorPayload(down).code, 'SERVICE_UNAVAILABLE');
});

test('one emailTaken for every service: 409 CONFLICT', () => {
  const body = httpErrorBody(Errors.emailTaken(), '/api/auth/signup');
  assert.deepEqual([body.status, body.error, body.message], [409, 'CONFLICT', 'Email is already registered']);
});

test('rate limits carry Retry-After in whole seconds, at least 1', () => {
  assert.deepEqual(Errors.rateLimited(1500).headers, { 'retry-after': '2' });
  assert.deepEqual(Errors.tooManyRequests(10).headers, { 'retry-after': '1' });
  assert.equal(stompErrorPayload(Errors.rateLimited(1)).code, 'RATE_LIMITED');
  assert.equal(httpErrorBody(Errors.rateLimited(1), '/x').error, 'TOO_MANY_REQUESTS');
});
