import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldOf } from './field-errors.ts';
import { ApiError } from './http.ts';

const bad = (message: string) => new ApiError(400, 'BAD_REQUEST', message);
const fields = ['nickname', 'statusMessage', 'profileImageUrl'] as const;

test('a 400 naming a field belongs to that field', () => {
  assert.equal(fieldOf(bad('body.nickname must NOT have more than 30 characters'), fields), 'nickname');
  assert.equal(fieldOf(bad('body.statusMessage must match pattern'), fields), 'statusMessage');
  assert.equal(
    fieldOf(bad('body.profileImageUrl must be an absolute http(s) URL'), fields),
    'profileImageUrl',
  );
});

test('anything else is the whole form’s', () => {
  assert.equal(fieldOf(bad('Invalid body'), fields), 'form');
  assert.equal(fieldOf(new ApiError(500, 'INTERNAL', 'nickname broke'), fields), 'form');
});
