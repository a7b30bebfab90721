import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChatMessage as Message } from '@chat/contracts';
import { eventually } from '@chat/testing';
import { encodeCommand, MESSAGES_TOPIC, PERSIST_GROUP, roomKey } from '../src/messages/message-log.ts';
import { api, signup, startTestServer, type TestServer } from './harness.ts';

let srv: TestServer;
before(async () => {
  srv = await startTestServer();
});
after(() => srv.stop());

describe('persistence consumer: a record PostgreSQL refuses (embedded)', () => {
  test('is dead-lettered after one solo attempt; its batch-mates are stored', async () => {
    const a = await signup(srv.url, 'poison');
    const room = await api<{ id: number }>(srv.url, 'POST', '/api/rooms/group', a.token, {
      name: 'poison',
      memberIds: [],
    });
    assert.equal(room.status, 201);
    const roomId = room.body.id;
    const command = (content: string) =>
      encodeCommand({
        roomId,
        senderId: a.userId,
        messageKey: randomUUID(),
        content,
        type: 'TEXT',
        acceptedAt: Date.now(),
      });
    // Appended behind the SEND validation, as a record already in the log would be.
    await srv.server.infra.log.append(
      MESSAGES_TOPIC,
      ['before', 'nul \u0000 inside', 'after'].map((content) => ({
        key: roomKey(roomId),
        value: command(content),
      })),
    );
    const stored = await eventually(async () => {
      const res = await api<{ messages: Message[] }>(
        srv.url,
        'GET',
        `/api/rooms/${roomId}/messages?size=100`,
        a.token,
      );
      const contents = res.body.messages.map((m) => m.content);
      return contents.includes('after') && contents;
    });
    assert.deepEqual([...stored].sort(), ['after', 'before']);
    const dead = await srv.server.infra.log.deadLetters(MESSAGES_TOPIC, PERSIST_GROUP);
    const poison = dead.filter((d) => Buffer.from(d.value).toString().includes('nul \\u0000 inside'));
    assert.equal(poison.length, 1);
    assert.equal(poison[0]!.attempts, 2, 'the batch, then one attempt alone: no backoff through maxAttempts');
  });
});
