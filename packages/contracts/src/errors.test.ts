import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERRORS, HTTP_ERROR_STATUS, isErrorCode, isHttpErrorCode } from './errors.ts';

const UPPER_SNAKE = /^[A-Z]+(_[A-Z]+)*$/;
const rows = Object.entries(ERRORS);

test('every code has an HTTP error with a 4xx/5xx status, and an upper-snake STOMP code', () => {
  for (const [code, row] of rows) {
    assert.match(code, UPPER_SNAKE, code);
    assert.ok(isHttpErrorCode(row.http), `${code}: ${row.http} is not an HTTP error code`);
    assert.equal(row.status, HTTP_ERROR_STATUS[row.http], `${code}: status is not the one of ${row.http}`);
    assert.ok(row.status >= 400 && row.status <= 599, `${code}: status ${row.status}`);
    assert.match(row.stomp, UPPER_SNAKE, `${code}: STOMP code ${row.stomp}`);
    assert.equal(typeof row.closes, 'boolean', code);
  }
});

test('every HTTP error code is a code of its own, with itself as the body error', () => {
  for (const http of Object.keys(HTTP_ERROR_STATUS)) {
    assert.ok(isErrorCode(http), http);
    assert.equal(ERRORS[http].http, http);
  }
});

test("the contract's codes have the contract's statuses (CONTRACT.md, error sections)", () => {
  const contract = {
    BAD_REQUEST: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    CONFLICT: 409,
    PAYLOAD_TOO_LARGE: 413,
    TOO_MANY_REQUESTS: 429,
    INTERNAL: 500,
  };
  for (const [code, status] of Object.entries(contract))
    assert.equal(HTTP_ERROR_STATUS[code as keyof typeof contract], status, code);
  // Beyond the contract, documented in docs/api/errors.md.
  assert.deepEqual(
    [
      HTTP_ERROR_STATUS.REQUEST_TIMEOUT,
      HTTP_ERROR_STATUS.URI_TOO_LONG,
      HTTP_ERROR_STATUS.RANGE_NOT_SATISFIABLE,
      HTTP_ERROR_STATUS.REQUEST_HEADER_FIELDS_TOO_LARGE,
      HTTP_ERROR_STATUS.SERVICE_UNAVAILABLE,
    ],
    [408, 414, 416, 431, 503],
  );
});

test("the contract's STOMP codes: per-request ones leave the connection open, auth failures close it", () => {
  const stomp = (code: keyof typeof ERRORS) => ERRORS[code].stomp;
  for (const code of ['NOT_A_MEMBER', 'RATE_LIMITED', 'INVALID_PAYLOAD', 'CONTENT_TOO_LONG'] as const) {
    assert.equal(stomp(code), code);
    assert.equal(ERRORS[code].closes, false, code);
  }
  // A bad request over STOMP is the contract's INVALID_PAYLOAD; too many requests is RATE_LIMITED.
  assert.equal(stomp('BAD_REQUEST'), 'INVALID_PAYLOAD');
  assert.equal(stomp('TOO_MANY_REQUESTS'), 'RATE_LIMITED');
  for (const code of ['UNAUTHORIZED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'TOO_MANY_CONNECTIONS'] as const)
    assert.equal(ERRORS[code].closes, true, code);
});

test('a chat code over REST is its HTTP error: NOT_A_MEMBER is 403 FORBIDDEN, ROOM_NOT_FOUND 404 NOT_FOUND', () => {
  assert.deepEqual([ERRORS.NOT_A_MEMBER.http, ERRORS.NOT_A_MEMBER.status], ['FORBIDDEN', 403]);
  assert.deepEqual([ERRORS.ROOM_NOT_FOUND.http, ERRORS.ROOM_NOT_FOUND.status], ['NOT_FOUND', 404]);
});

test('isErrorCode and isHttpErrorCode refuse what is not in the table', () => {
  for (const v of ['NOPE', 'toString', '__proto__', '', 400, null, undefined]) {
    assert.equal(isErrorCode(v), false, String(v));
    assert.equal(isHttpErrorCode(v), false, String(v));
  }
  assert.equal(isHttpErrorCode('NOT_A_MEMBER'), false);
});

test('docs/api/errors.md lists every code with its status, HTTP error and STOMP code', () => {
  const doc = readFileSync(new URL('../../../docs/api/errors.md', import.meta.url), 'utf8');
  for (const [code, row] of rows) {
    const line = `| \`${code}\` | ${row.status} | \`${row.http}\` | \`${row.stomp}\` | ${row.closes ? 'ERROR + close' : 'per-request'} |`;
    assert.ok(doc.includes(line), `docs/api/errors.md lacks: ${line}`);
  }
});
