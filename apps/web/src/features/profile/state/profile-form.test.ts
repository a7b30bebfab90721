import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formOf, isEmptyPatch, profilePatch } from './profile-form.ts';

const start = formOf({ nickname: '민지', statusMessage: null, profileImageUrl: 'https://img.example/a.png' });

test('the form starts from the profile, with empty strings for what is not set', () => {
  assert.deepEqual(start, {
    nickname: '민지',
    statusMessage: '',
    profileImageUrl: 'https://img.example/a.png',
  });
});

test('an unchanged form sends nothing', () => {
  const p = profilePatch(start, { ...start, nickname: ' 민지 ' });
  assert.deepEqual(p, {});
  assert.ok(isEmptyPatch(p));
});

test('only the changed fields are sent, trimmed', () => {
  assert.deepEqual(profilePatch(start, { ...start, nickname: ' 하니 ', statusMessage: '오늘도 화이팅 💪' }), {
    nickname: '하니',
    statusMessage: '오늘도 화이팅 💪',
  });
});

test('clearing the image URL or status message sends null', () => {
  const withStatus = { ...start, statusMessage: '안녕' };
  assert.deepEqual(profilePatch(withStatus, { ...withStatus, statusMessage: '  ', profileImageUrl: '' }), {
    statusMessage: null,
    profileImageUrl: null,
  });
});

test('an emptied nickname is sent as empty, for the server to refuse next to the field', () => {
  assert.deepEqual(profilePatch(start, { ...start, nickname: '' }), { nickname: '' });
});
