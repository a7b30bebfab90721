import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeFrame } from '../src/codec.ts';
import { StompProtocolError } from '../src/errors.ts';
import { escapeHeader, unescapeHeader } from '../src/escape.ts';
import type { StompFrame } from '../src/frame.ts';
import { type ParserLimits, parseFrames, StompParser } from '../src/parser.ts';

function collect(limits?: ParserLimits) {
  const frames: StompFrame[] = [];
  let heartbeats = 0;
  const parser = new StompParser(
    {
      onFrame: (f) => frames.push(f),
      onHeartbeat: () => {
        heartbeats++;
      },
    },
    limits,
  );
  parser.escaping = true;
  return { parser, frames, heartbeats: () => heartbeats };
}

const bytes = (s: string) => Buffer.from(s, 'utf8');

function rejects(input: string | Buffer, pattern: RegExp, limits?: ParserLimits): StompProtocolError {
  const { parser } = collect(limits);
  let caught: unknown;
  try {
    parser.push(typeof input === 'string' ? bytes(input) : input);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof StompProtocolError, `expected a protocol error, got ${String(caught)}`);
  assert.match(caught.message, pattern);
  return caught;
}

describe('header escaping', () => {
  it('round trips every escaped character', () => {
    const value = 'a:b\\c\nd\re::\\\\';
    assert.equal(escapeHeader(value), 'a\\cb\\\\c\\nd\\re\\c\\c\\\\\\\\');
    assert.equal(unescapeHeader(escapeHeader(value)), value);
    assert.equal(escapeHeader('plain/value.1'), 'plain/value.1');
  });

  it('rejects undefined escape sequences', () => {
    assert.throws(() => unescapeHeader('a\\tb'), StompProtocolError);
    rejects('SEND\ndestination:/a\\t\n\n\0', /undefined escape/);
  });

  it('round trips names and values through encode and parse', () => {
    const headers = { 'we:ird\nname': 'v:1\r\n\\', destination: '/topic/x' };
    const [frame] = parseFrames(encodeFrame({ command: 'SEND', headers, body: 'hi' }));
    assert.ok(frame);
    assert.equal(frame.headers['we:ird\nname'], 'v:1\r\n\\');
    assert.equal(frame.headers.destination, '/topic/x');
    assert.equal(frame.body.toString(), 'hi');
  });

  it('does not escape CONNECT and CONNECTED; the first colon separates name and value', () => {
    const encoded = encodeFrame({ command: 'CONNECT', headers: { passcode: 'a:b\\c' } });
    assert.equal(encoded.toString(), 'CONNECT\npasscode:a:b\\c\n\n\0');
    const [frame] = parseFrames(encoded);
    assert.equal(frame?.headers.passcode, 'a:b\\c');
    const connected = encodeFrame({ command: 'CONNECTED', headers: { server: 'x\ny' } });
    assert.equal(connected.toString(), 'CONNECTED\nserver:x y\n\n\0');
  });

  it('leaves values alone when escaping is off (STOMP 1.0)', () => {
    const [frame] = parseFrames(bytes('SEND\ndestination:/a\\cb\n\n\0'), undefined, false);
    assert.equal(frame?.headers.destination, '/a\\cb');
  });
});

describe('encodeFrame', () => {
  it('adds content-length for bodies and ends with NUL', () => {
    const out = encodeFrame({
      command: 'MESSAGE',
      headers: { destination: '/q', n: 3, skip: undefined },
      body: 'héllo',
    });
    assert.equal(out.toString(), 'MESSAGE\ndestination:/q\nn:3\ncontent-length:6\n\nhéllo\0');
  });

  it('omits content-length without a body and ignores a caller-supplied one', () => {
    const out = encodeFrame({ command: 'RECEIPT', headers: { 'receipt-id': '7', 'content-length': '99' } });
    assert.equal(out.toString(), 'RECEIPT\nreceipt-id:7\n\n\0');
  });
});

describe('StompParser', () => {
  it('honours content-length: NUL bytes inside a binary body', () => {
    const body = Buffer.from([1, 0, 2, 0, 255]);
    const encoded = encodeFrame({ command: 'SEND', headers: { destination: '/b' }, body });
    const [frame] = parseFrames(encoded);
    assert.deepEqual(frame?.body, body);
  });

  it('reads a body up to the first NUL without content-length', () => {
    const [frame] = parseFrames(bytes('SEND\ndestination:/a\n\nhello\0'));
    assert.equal(frame?.command, 'SEND');
    assert.equal(frame?.body.toString(), 'hello');
  });

  it('parses a frame fed one byte at a time', () => {
    const encoded = Buffer.concat([
      encodeFrame({
        command: 'SEND',
        headers: { destination: '/a', receipt: 'r:1' },
        body: 'x'.repeat(3000),
      }),
      bytes('SEND\ndestination:/b\n\nno length\0'),
    ]);
    const { parser, frames } = collect();
    for (let i = 0; i < encoded.length; i++) parser.push(encoded.subarray(i, i + 1));
    assert.equal(frames.length, 2);
    assert.equal(frames[0]?.headers.receipt, 'r:1');
    assert.equal(frames[0]?.body.toString(), 'x'.repeat(3000));
    assert.equal(frames[1]?.body.toString(), 'no length');
    assert.equal(parser.bufferedBytes, 0);
  });

  it('keeps bodies already handed out intact while buffering more', () => {
    const one = encodeFrame({ command: 'SEND', headers: { destination: '/a' }, body: 'first' });
    const two = encodeFrame({ command: 'SEND', headers: { destination: '/a' }, body: 'second' });
    const stream = Buffer.concat([one, two, one]);
    const { parser, frames } = collect();
    for (let i = 0; i < stream.length; i += 7) parser.push(stream.subarray(i, i + 7));
    assert.deepEqual(
      frames.map((f) => f.body.toString()),
      ['first', 'second', 'first'],
    );
  });

  it('parses several frames in one chunk, with heart-beat EOLs between them', () => {
    const chunk = Buffer.concat([
      bytes('\n\r\n'),
      encodeFrame({ command: 'SEND', headers: { destination: '/1' } }),
      bytes('\n\n'),
      encodeFrame({ command: 'SUBSCRIBE', headers: { destination: '/2', id: 's' } }),
      bytes('\r\n'),
      encodeFrame({ command: 'DISCONNECT', headers: { receipt: 'bye' } }),
    ]);
    const { parser, frames, heartbeats } = collect();
    parser.push(chunk);
    assert.deepEqual(
      frames.map((f) => f.command),
      ['SEND', 'SUBSCRIBE', 'DISCONNECT'],
    );
    assert.equal(heartbeats(), 5);
  });

  it('accepts CRLF line endings', () => {
    const [frame] = parseFrames(bytes('SEND\r\ndestination:/crlf\r\ncontent-length:2\r\n\r\nok\0'));
    assert.equal(frame?.headers.destination, '/crlf');
    assert.equal(frame?.body.toString(), 'ok');
  });

  it('handles a CRLF heart-beat split across chunks', () => {
    const { parser, frames, heartbeats } = collect();
    parser.push(bytes('\r'));
    parser.push(bytes('\nSEND\ndestination:/a\n\n\0'));
    assert.equal(heartbeats(), 1);
    assert.equal(frames.length, 1);
  });

  it('keeps the first of repeated headers', () => {
    const [frame] = parseFrames(bytes('MESSAGE\nfoo:first\nfoo:second\n__proto__:y\n\n\0'));
    assert.deepEqual(Object.entries(frame?.headers ?? {}), [
      ['foo', 'first'],
      ['__proto__', 'y'],
    ]);
  });

  it('rejects an unknown command', () => {
    rejects('HELLO\n\n\0', /unknown command/);
    rejects('GET / HTTP/1.1 garbage without a line end', /unknown command/);
  });

  it('rejects a frame over the size limit, early when content-length says so', () => {
    const limits: ParserLimits = { maxFrameBytes: 1024, maxHeaders: 8, maxHeaderBytes: 256 };
    const err = rejects(`SEND\ndestination:/a\ncontent-length:5000\n\n`, /too large/, limits);
    assert.equal(err.closeCode, 1009);
    rejects(`SEND\ndestination:/a\n\n${'x'.repeat(1100)}`, /too large/, limits);
    rejects(`SEND\ndestination:/a\n\n${'x'.repeat(1100)}\0`, /too large/, limits);
  });

  it('enforces header count and size limits', () => {
    const limits: ParserLimits = { maxFrameBytes: 4096, maxHeaders: 2, maxHeaderBytes: 64 };
    rejects('SEND\na:1\nb:2\nc:3\n\n\0', /too many headers/, limits);
    rejects(`SEND\ndestination:${'d'.repeat(100)}\n\n\0`, /headers too large/, limits);
    rejects(`SEND\ndestination:${'d'.repeat(100)}`, /headers too large/, limits);
  });

  it('rejects malformed header lines and bad content-length', () => {
    rejects('SEND\nno colon here\n\n\0', /missing colon/);
    rejects('SEND\n:empty\n\n\0', /empty name/);
    rejects('SEND\ncontent-length:12a\n\n\0', /invalid content-length/);
    rejects('SEND\ncontent-length: 2\n\nab\0', /invalid content-length/);
  });

  it('rejects a body that is not followed by NUL after content-length bytes', () => {
    rejects('SEND\ncontent-length:2\n\nabc\0', /not terminated by NUL/);
  });

  it('reports an incomplete frame (missing NUL) as buffered, not as a frame', () => {
    const { parser, frames } = collect();
    parser.push(bytes('SEND\ndestination:/a\n\nno terminator'));
    assert.equal(frames.length, 0);
    assert.ok(parser.bufferedBytes > 0);
    assert.throws(() => parseFrames(bytes('SEND\n\nbody')), /incomplete frame/);
  });

  it('rejects a CR that is not part of CRLF between frames', () => {
    rejects('\rSEND\n\n\0', /CR not followed by LF/);
  });

  it('stops delivering after halt()', () => {
    const frames: StompFrame[] = [];
    const parser: StompParser = new StompParser({
      onFrame: (f) => {
        frames.push(f);
        parser.halt();
      },
      onHeartbeat: () => {},
    });
    parser.push(bytes('SEND\n\n\0SEND\n\n\0'));
    parser.push(bytes('SEND\n\n\0'));
    assert.equal(frames.length, 1);
  });
});
