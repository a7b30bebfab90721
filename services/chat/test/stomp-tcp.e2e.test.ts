// STOMP over plain TCP with clients nobody here wrote: Python's stomp.py and Perl's Net::Stomp
// (Debian python3-stomp, libnet-stomp-perl) connect with a bearer token, subscribe to a room and
// send to it with receipts; a browser-style WebSocket client in the same room sees it all. Then
// the same over TLS with a certificate made for the run.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { skipFor } from '@chat/platform/testing';
import { encodeFrame, type StompFrame, StompParser } from '@chat/stomp';
import { eventually, freePort } from '@chat/testing';
import { allHistory, api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp } from './stomp-client.ts';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const script = (name: string) => fileURLToPath(new URL(`./interop/${name}`, import.meta.url));

/** `false` when the interpreter loads the module, else the recorded skip reason. */
function skipUnlessModule(what: string, command: string, args: string[]): false | string {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  return probe.status === 0 ? false : skipFor(`STOMP over TCP interop: ${what} not installed`);
}

interface Outcome {
  receipts: string[];
  messages: string[];
  errors: string[];
}

describe('STOMP over TCP with stomp.py and Net::Stomp', () => {
  let srv: TestServer;
  let port: number;
  before(async () => {
    port = await freePort();
    srv = await startTestServer({ STOMP_TCP_PORT: String(port), STOMP_TCP_HOST: '127.0.0.1' });
  });
  after(() => srv?.stop());

  async function roomWithWatcher() {
    const [bot, person] = [await signup(srv.url), await signup(srv.url)];
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', person.token, {
      name: 'bots welcome',
      memberIds: [bot.userId],
    });
    const watcher = await connectStomp(srv.url, person.token);
    const live = await watcher.subscribe<{ content: string; senderId: number }>(
      `/topic/room.${room.body.id}`,
    );
    return { bot, person, roomId: room.body.id, watcher, live };
  }

  const clients: [
    string,
    false | string,
    (p: number, token: string, roomId: number, content: string) => string[],
  ][] = [
    [
      'stomp.py',
      skipUnlessModule('python3-stomp', PYTHON, ['-c', 'import stomp']),
      (p, token, roomId, content) => [
        PYTHON,
        script('stomp_py_client.py'),
        String(p),
        token,
        String(roomId),
        content,
      ],
    ],
    [
      'Net::Stomp',
      skipUnlessModule('libnet-stomp-perl', 'perl', ['-MNet::Stomp', '-e', '1']),
      (p, token, roomId, content) => [
        'perl',
        script('net_stomp_client.pl'),
        String(p),
        token,
        String(roomId),
        content,
      ],
    ],
  ];
  for (const [name, skip, command] of clients) {
    test(`${name}: subscribes and sends with receipts; the room sees the message once`, {
      skip,
    }, async () => {
      const { bot, person, roomId, watcher, live } = await roomWithWatcher();
      const content = `${name} 봇이 보냅니다 🤖`;
      const [bin, ...args] = command(port, bot.token, roomId, content);
      const { stdout } = await run(bin!, args, { timeout: 30_000 });
      const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as Outcome;
      assert.deepEqual(outcome.errors, []);
      assert.ok(
        outcome.receipts.includes(name === 'stomp.py' ? 'py-send' : 'pl-send'),
        JSON.stringify(outcome),
      );
      assert.deepEqual(outcome.messages, [content], 'the bot got its message back on the room topic');
      const seen = await live.find((m) => m.content === content);
      assert.equal(seen.senderId, bot.userId);
      const history = await allHistory(srv.url, person, roomId);
      assert.deepEqual(
        history.map((m) => m.content),
        [content],
        'stored once',
      );
      await watcher.close();
    });
  }

  test('a TCP client with a bad token gets an ERROR frame naming it, and nothing else', async () => {
    const { stdout } = await run(
      PYTHON,
      [
        '-c',
        [
          'import socket',
          `s = socket.create_connection(("127.0.0.1", ${port}))`,
          's.sendall(b"CONNECT\\naccept-version:1.2\\nAuthorization:Bearer nope\\n\\n\\0")',
          'data = b""',
          'while True:',
          '    chunk = s.recv(4096)',
          '    if not chunk: break',
          '    data += chunk',
          'print(data.decode().split("\\n")[0])',
        ].join('\n'),
      ],
      { timeout: 15_000 },
    );
    assert.equal(stdout.trim(), 'ERROR');
  });
});

describe('STOMP over TLS', () => {
  let srv: TestServer;
  let port: number;
  let dir: string;
  let cert: Buffer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stomp-tls-'));
    // A self-signed certificate for 127.0.0.1, made for this run.
    await run('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ]);
    cert = readFileSync(join(dir, 'cert.pem'));
    port = await freePort();
    srv = await startTestServer({
      STOMP_TCP_PORT: String(port),
      STOMP_TCP_HOST: '127.0.0.1',
      STOMP_TCP_TLS_CERT: join(dir, 'cert.pem'),
      STOMP_TCP_TLS_KEY: join(dir, 'key.pem'),
    });
  });
  after(async () => {
    await srv?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a client that trusts the certificate connects and sends with a receipt; plain TCP gets nothing', async () => {
    const [bot, person] = [await signup(srv.url), await signup(srv.url)];
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', person.token, {
      name: 'tls bots',
      memberIds: [bot.userId],
    });
    const socket = tlsConnect({ host: '127.0.0.1', port, ca: cert });
    await once(socket, 'secureConnect');
    const frames: StompFrame[] = [];
    const parser = new StompParser({ onFrame: (f) => frames.push(f), onHeartbeat: () => undefined });
    parser.escaping = true;
    socket.on('data', (chunk: Buffer) => parser.push(chunk));
    const until = async (n: number) => {
      while (frames.length < n) await once(socket, 'data');
    };
    socket.write(
      encodeFrame({
        command: 'CONNECT',
        headers: { 'accept-version': '1.2', host: 'chat', Authorization: `Bearer ${bot.token}` },
      }),
    );
    await until(1);
    assert.equal(frames[0]?.command, 'CONNECTED');
    socket.write(
      encodeFrame({
        command: 'SEND',
        headers: { destination: '/app/chat.send', receipt: 'tls-1', 'content-type': 'application/json' },
        body: JSON.stringify({ roomId: room.body.id, content: 'over TLS' }),
      }),
    );
    await until(2);
    assert.deepEqual([frames[1]?.command, frames[1]?.headers['receipt-id']], ['RECEIPT', 'tls-1']);
    socket.end();
    const history = await eventually(async () => {
      const h = await allHistory(srv.url, person, room.body.id);
      return h.length > 0 && h;
    });
    assert.deepEqual(
      history.map((m) => m.content),
      ['over TLS'],
    );

    // Plain STOMP to the TLS port: the handshake fails and the socket is closed, no frame.
    const plain = netConnect(port, '127.0.0.1');
    plain.write(encodeFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2' } }));
    const got: Buffer[] = [];
    plain.on('data', (c: Buffer) => got.push(c));
    plain.on('error', () => undefined);
    await once(plain, 'close');
    assert.ok(!Buffer.concat(got).toString('latin1').includes('CONNECTED'));
  });
});

describe('STOMP over TCP: connections at once are limited', () => {
  let srv: TestServer;
  let port: number;
  before(async () => {
    port = await freePort();
    srv = await startTestServer({
      STOMP_TCP_PORT: String(port),
      STOMP_TCP_HOST: '127.0.0.1',
      STOMP_TCP_MAX_CONNECTIONS: '2',
    });
  });
  after(() => srv?.stop());

  test('past STOMP_TCP_MAX_CONNECTIONS a connection is closed unanswered; one closing makes room', async () => {
    const hold = async () => {
      const socket = netConnect(port, '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    };
    /** Connects and sends CONNECT: true when the server answers (an ERROR: no token), false when it closes first. */
    const answered = async () => {
      const socket = netConnect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      // Listening from the start: a refused connection may close (or reset) right after connecting.
      const result = new Promise<boolean>((resolve) => {
        socket.on('data', () => resolve(true));
        socket.on('close', () => resolve(false));
      });
      socket.on('connect', () =>
        socket.write(encodeFrame({ command: 'CONNECT', headers: { 'accept-version': '1.2' } })),
      );
      const answer = await result;
      socket.destroy();
      return answer;
    };
    const [first, second] = [await hold(), await hold()];
    assert.equal(await answered(), false, 'the third is closed unanswered');
    first.destroy();
    await eventually(answered);
    second.destroy();
  });
});
