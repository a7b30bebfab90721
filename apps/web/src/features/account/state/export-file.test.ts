import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeExport, EXPORT_FORMAT, exportFileName } from './export-file.ts';

describe('export file', () => {
  it("joins each service's part under its own key, JSON round-trips Korean and emoji", () => {
    const account = {
      exportedAt: '2026-01-02T00:00:00.000Z',
      profile: {
        id: 7,
        email: 'a@example.com',
        nickname: '에이 😀',
        status: 'ACTIVE' as const,
        role: 'ROLE_USER' as const,
        profileImageUrl: null,
        statusMessage: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        lastSeenAt: null,
      },
    };
    const chat = { userId: 7, exportedAt: '2026-01-02T00:00:01.000Z', rooms: [], messages: [] };
    const file = composeExport(account, chat, new Date('2026-01-02T00:00:02Z'));
    assert.equal(file.format, EXPORT_FORMAT);
    assert.equal(file.exportedAt, '2026-01-02T00:00:02.000Z');
    assert.deepEqual(JSON.parse(JSON.stringify(file)), { ...file });
    assert.equal(file.account.profile.nickname, '에이 😀');
  });

  it('names the file by the local date', () => {
    assert.equal(exportFileName(new Date(2026, 0, 2, 23, 59)), 'chat-export-2026-01-02.json');
  });
});
