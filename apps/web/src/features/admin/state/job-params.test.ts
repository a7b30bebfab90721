import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paramFields, paramsFrom } from './job-params.ts';

const schema = {
  type: 'object',
  properties: {
    day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; default: yesterday' },
    chunkSize: { type: 'integer', minimum: 100, default: 10000 },
    tags: { type: 'array' },
  },
};

test('a field per string or number property, with its default and description', () => {
  assert.deepEqual(paramFields(schema), [
    { name: 'day', kind: 'text', defaultValue: undefined, description: 'YYYY-MM-DD; default: yesterday' },
    { name: 'chunkSize', kind: 'number', defaultValue: '10000', description: undefined },
  ]);
  assert.deepEqual(paramFields(null), []);
  assert.deepEqual(paramFields({ type: 'object' }), []);
});

test('only filled fields are sent; numbers as numbers, anything else as typed (the server says what is wrong)', () => {
  const fields = paramFields(schema);
  assert.deepEqual(paramsFrom(fields, {}), {});
  assert.deepEqual(paramsFrom(fields, { day: ' 2026-12-06 ', chunkSize: '500' }), {
    day: '2026-12-06',
    chunkSize: 500,
  });
  assert.deepEqual(paramsFrom(fields, { chunkSize: 'many' }), { chunkSize: 'many' });
  assert.deepEqual(paramsFrom(fields, { day: '   ' }), {});
});
