import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message } from '@chat/contracts';
import { eventually } from '@chat/testing';
import { api, signup, startTestServer, type TestServer } from './harness.ts';
import { connectStomp, type TestStomp } from './stomp-client.ts';

let srv: TestServer;
const clients: TestStomp[] = [];
before(async () => {
  srv = await startTestServer();
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await srv.stop();
});

describe('SEND /app/chat.send refuses content that cannot be stored or shown safely (embedded)', () => {
  test('NUL, lone surrogates, control characters and non-http(s) IMAGE URLs: INVALID_PAYLOAD, no RECEIPT, nothing stored', async () => {
    const user = await signup(srv.url);
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', user.token, {
      name: 'validation',
      memberIds: [],
    });
    assert.equal(room.status, 201);
    const roomId = room.body.id;
    const client = await connectStomp(srv.url, user.token);
    clients.push(client);
    const receipted: string[] = [];
    const refused: [string, unknown][] = [
      ['NUL', { content: 'before\u0000after' }],
      ['lone high surrogate', { content: 'x\ud800' }],
      ['lone low surrogate', { content: '\udc00y' }],
      ['BEL', { content: 'ring \u0007' }],
      ['ESC (terminal colours)', { content: '\u001b[31mred' }],
      ['C1 control', { content: 'next\u0085line' }],
      ['javascript: image', { content: 'javascript:alert(1)', type: 'IMAGE' }],
      ['data: image', { content: 'data:image/png;base64,AAAA', type: 'IMAGE' }],
      ['relative image', { content: '/uploads/a.png', type: 'IMAGE' }],
      ['ftp image', { content: 'ftp://files.example.com/a.png', type: 'IMAGE' }],
      ['image without //', { content: 'https:evil.example/a.png', type: 'IMAGE' }],
      ['image with credentials', { content: 'https://bank.example@evil.example/a.png', type: 'IMAGE' }],
      ['image without host', { content: 'https://', type: 'IMAGE' }],
    ];
    for (const [what, fields] of refused) {
      const receipt = `bad-${randomUUID()}`;
      const messageKey = randomUUID();
      client.client.watchForReceipt(receipt, () => receipted.push(what));
      // JSON.stringify writes lone surrogates as \ud800 escapes, as a hostile client would.
      client.send('/app/chat.send', JSON.stringify({ roomId, messageKey, ...(fields as object) }), {
        receipt,
      });
      const err = await client.errors.find((e) => e.receiptId === receipt);
      assert.equal(err.code, 'INVALID_PAYLOAD', what);
      assert.equal(err.messageKey, messageKey, what);
    }
    // Allowed: newlines, tabs, CR, RTL text, emoji; an https image.
    const fine = ['line one\nline two\ttabbed\r\n', 'مرحبا \u202bبالعالم', '👨‍👩‍👧 가족'];
    for (const content of fine) await client.sendWithReceipt('/app/chat.send', { roomId, content });
    await client.sendWithReceipt('/app/chat.send', {
      roomId,
      content: 'https://img.example.com/a.png',
      type: 'IMAGE',
    });
    assert.deepEqual(receipted, [], 'no refused SEND got a RECEIPT');
    // A RECEIPT means durable in the log; persistence follows.
    const stored = await eventually(async () => {
      const history = await api<{ messages: Message[] }>(
        srv.url,
        'GET',
        `/api/rooms/${roomId}/messages?size=100`,
        user.token,
      );
      return history.body.messages.length >= fine.length + 1 && history.body.messages;
    });
    assert.deepEqual(
      stored.map((m) => m.content).reverse(),
      [...fine, 'https://img.example.com/a.png'],
      'only the accepted messages were stored, byte for byte',
    );
    assert.equal(client.closed.items.length, 0, 'the connection stayed open');
  });
});
