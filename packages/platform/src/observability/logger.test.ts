import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from './logger.ts';
import { withRequestId } from './request-context.ts';

/** A logger writing into an array of raw JSON lines. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) },
  });
  return { logger, lines };
}

/** How many times `text` occurs in `line` (JSON.parse would hide a repeated key). */
const occurrences = (line: string, text: string) => line.split(text).length - 1;

describe('logger and request ids', () => {
  test('a line written inside a request carries its id once, as reqId; outside, none', () => {
    const { logger, lines } = capture();
    const service = logger.child({ service: 'chat' });
    withRequestId('req-abc', () => service.info({ roomId: 1 }, 'inside'));
    service.info('outside');
    assert.equal(lines.length, 2);
    assert.equal(occurrences(lines[0]!, 'req-abc'), 1);
    assert.equal(occurrences(lines[0]!, '"reqId"'), 1);
    assert.equal(JSON.parse(lines[0]!).reqId, 'req-abc');
    assert.equal(JSON.parse(lines[0]!).service, 'chat');
    assert.equal(occurrences(lines[1]!, '"reqId"'), 0);
  });

  test("a child that names the id already (Fastify's request logger) still writes it once", () => {
    const { logger, lines } = capture();
    const requestLog = logger.child({ service: 'chat' }).child({ reqId: 'req-child' });
    withRequestId('req-child', () => {
      requestLog.info('from the request logger');
      requestLog.child({ step: 'nested' }).warn('from a child of it');
    });
    assert.equal(lines.length, 2);
    for (const line of lines) {
      assert.equal(occurrences(line, '"reqId"'), 1, line);
      assert.equal(occurrences(line, 'req-child'), 1, line);
    }
  });

  test('a line that passes reqId itself has it once (the one it passed)', () => {
    const { logger, lines } = capture();
    withRequestId('req-current', () => logger.info({ reqId: 'req-given' }, 'explicit'));
    assert.equal(occurrences(lines[0]!, '"reqId"'), 1);
    assert.equal(JSON.parse(lines[0]!).reqId, 'req-given');
  });

  test('error lines inside a request carry the id once too', () => {
    const { logger, lines } = capture();
    withRequestId('req-err', () => logger.error({ err: new Error('boom') }, 'failed'));
    assert.equal(occurrences(lines[0]!, 'req-err'), 1);
    assert.equal(JSON.parse(lines[0]!).err.message, 'boom');
  });
});
