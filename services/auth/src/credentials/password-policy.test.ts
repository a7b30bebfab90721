import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAppError } from '@chat/platform';
import { checkPassword } from './password-policy.ts';

function refused(password: string): string {
  try {
    checkPassword(password);
  } catch (err) {
    assert.ok(isAppError(err) && err.status === 400);
    return err.message;
  }
  assert.fail(`accepted ${password.length} UTF-16 units`);
}

describe('password policy', () => {
  test('8..72 code points', () => {
    checkPassword('a'.repeat(8));
    checkPassword('a'.repeat(72));
    assert.match(refused('a'.repeat(7)), /body\.password .*fewer than 8/);
    assert.match(refused('a'.repeat(73)), /body\.password .*more than 72/);
    checkPassword('😀'.repeat(8)); // 8 code points, 16 UTF-16 units, 32 bytes
  });

  test('at most 72 bytes of UTF-8', () => {
    checkPassword('가'.repeat(24)); // 72 bytes
    assert.match(refused('가'.repeat(25)), /72 bytes/); // 25 code points, 75 bytes
    assert.match(refused('é'.repeat(37)), /72 bytes/); // 74 bytes
    assert.match(refused('😀'.repeat(19)), /72 bytes/); // 76 bytes
  });
});
