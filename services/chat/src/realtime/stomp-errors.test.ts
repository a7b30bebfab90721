import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { ERRORS } from '@chat/contracts';
import { AppError, createLogger, Errors } from '@chat/platform';
import { StompServerErrorCode } from '@chat/stomp';
import { toStompError, userError } from './stomp-errors.ts';

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

test("every code becomes the table's STOMP code; auth failures are fatal, the rest per-request", () => {
  const { logger } = capturingLogger();
  for (const code of Object.keys(ERRORS) as (keyof typeof ERRORS)[]) {
    const e = toStompError(new AppError(code, 'm'), logger);
    assert.equal(e.code, ERRORS[code].stomp, code);
    assert.equal(e.fatal, ERRORS[code].closes, code);
    assert.equal(e.message, 'm');
  }
  assert.equal(toStompError(Errors.notAMember(3), logger).code, 'NOT_A_MEMBER');
  assert.equal(
    toStompError(Errors.badRequest('lastReadMessageId is not a message'), logger).code,
    'INVALID_PAYLOAD',
  );
  assert.equal(toStompError(Errors.notFound('User 9'), logger).code, 'NOT_FOUND');
});

test('a bug is INTERNAL and logged; an expected failure is not logged', async () => {
  const { lines, logger } = capturingLogger();
  toStompError(Errors.contentTooLong('too long'), logger);
  const e = toStompError(new Error('boom'), logger);
  await new Promise((r) => setImmediate(r));
  assert.equal(e.code, 'INTERNAL');
  assert.equal(e.fatal, false);
  assert.deepEqual(
    lines.map((l) => l.msg),
    ['STOMP request failed'],
  );
});

test('the per-request payload is {code, message} then the extras, in that order', () => {
  const { logger } = capturingLogger();
  const payload = userError(toStompError(Errors.rateLimited(1000), logger), {
    receiptId: 'r-1',
    messageKey: 'k',
  });
  assert.equal(
    JSON.stringify(payload),
    '{"code":"RATE_LIMITED","message":"Too many messages, slow down","receiptId":"r-1","messageKey":"k"}',
  );
});

test("the STOMP server's own codes are in the table, as per-request errors", () => {
  const stompCodes = new Map(Object.values(ERRORS).map((row) => [row.stomp as string, row.closes]));
  for (const code of Object.values(StompServerErrorCode)) assert.equal(stompCodes.get(code), false, code);
});
