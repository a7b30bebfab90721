import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTENT_MAX as CONTRACT_CONTENT_MAX } from '@chat/contracts';
import { CONTENT_MAX } from './wire.ts';

test("the composer's content limit is the contract's", () => {
  assert.equal(CONTENT_MAX, CONTRACT_CONTENT_MAX);
});
