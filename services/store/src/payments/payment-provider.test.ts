import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTransientError } from '@chat/platform';
import { ProviderUnavailableError } from './payment-provider.ts';

test('a provider that does not answer is an outage: consumers retry it without limit', () => {
  assert.ok(isTransientError(new ProviderUnavailableError('payment provider answered 503')));
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  assert.ok(isTransientError(new ProviderUnavailableError('unreachable', { cause: refused })));
});
