import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composerProblem, imageProblem, parseTags } from './composer.ts';

describe('composer', () => {
  it('parses tags as the server normalises them', () => {
    assert.deepEqual(parseTags('#Seoul, 카페  #seoul dogs_2'), {
      tags: ['seoul', '카페', 'dogs_2'],
      bad: [],
    });
    assert.deepEqual(parseTags('ok no-dash'), { tags: ['ok'], bad: ['no-dash'] });
    assert.deepEqual(parseTags('  '), { tags: [], bad: [] });
    assert.deepEqual(parseTags('a'.repeat(31)).bad.length, 1);
  });
  it('says what stops a post', () => {
    const base = { text: 'hi', tags: '', images: 0, uploading: false };
    assert.equal(composerProblem(base), null);
    assert.equal(composerProblem({ ...base, text: ' ' }), 'empty');
    assert.equal(composerProblem({ ...base, text: ' ', images: 1 }), null);
    assert.equal(composerProblem({ ...base, text: 'x'.repeat(2001) }), 'tooLong');
    assert.equal(composerProblem({ ...base, tags: 'a-b' }), 'badTags');
    assert.equal(composerProblem({ ...base, tags: 'a b c d e f g h i j k' }), 'tooManyTags');
    assert.equal(composerProblem({ ...base, uploading: true }), 'uploading');
  });
  it('checks images: type, size, at most four', () => {
    assert.equal(imageProblem({ type: 'image/png', size: 10 }, 0), null);
    assert.equal(imageProblem({ type: 'image/svg+xml', size: 10 }, 0), 'imageType');
    assert.equal(imageProblem({ type: 'image/jpeg', size: 2_000_000 }, 0), 'imageSize');
    assert.equal(imageProblem({ type: 'image/png', size: 10 }, 4), 'imageCount');
  });
});

describe('fill', async () => {
  const { fill } = await import('./fill.ts');
  it('fills every placeholder it knows, leaves the others', () => {
    assert.equal(fill('{name} and {name} {x}', { name: 'Bo' }), 'Bo and Bo {x}');
    assert.equal(fill('{count} unread', { count: 3 }), '3 unread');
  });
});
