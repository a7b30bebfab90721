import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSendKey } from './send-key.ts';

const key = (over: Partial<Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'keyCode'>>) => ({
  key: 'Enter',
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...over,
});

describe('composer keys', () => {
  it('Enter sends', () => assert.equal(isSendKey(key({})), true));
  it('Shift+Enter is a newline', () => assert.equal(isSendKey(key({ shiftKey: true })), false));
  it('Enter while the IME composes (한 not yet final) does not send', () => {
    assert.equal(isSendKey(key({ isComposing: true })), false);
    assert.equal(isSendKey(key({ keyCode: 229 })), false);
  });
  it('other keys do not send', () => assert.equal(isSendKey(key({ key: 'a', keyCode: 65 })), false));
});
