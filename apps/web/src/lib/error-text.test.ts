import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en, ko } from '../i18n/messages.ts';
import { errorTextKey } from './error-text.ts';

test('a refusal is said by its code, in Korean and English; an unknown code by a generic sentence', () => {
  assert.equal(errorTextKey('CONFLICT'), 'errConflict');
  assert.equal(errorTextKey('TOO_MANY_REQUESTS'), 'errTooMany');
  assert.equal(errorTextKey('NOT_FOUND'), 'errNotFound');
  for (const unknown of ['ERROR', 'SOMETHING_NEW', 'toString', '', null, undefined]) {
    assert.equal(errorTextKey(unknown), 'genericError', String(unknown));
  }
  assert.equal(ko[errorTextKey('SOMETHING_NEW')], '문제가 생겼어요. 잠시 후 다시 시도해 주세요.');
  for (const code of [
    'BAD_REQUEST',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'CONFLICT',
    'INTERNAL',
    'SERVICE_UNAVAILABLE',
  ]) {
    const key = errorTextKey(code);
    assert.match(ko[key], /[가-힣]/, `${code} in Korean`);
    assert.doesNotMatch(en[key], /[가-힣]/, `${code} in English`);
  }
});
