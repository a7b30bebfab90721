import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hash as argon2Hash, verify as argon2Verify, parseOptions } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { SPRING_BCRYPT_VECTORS } from './bcrypt-vectors.fixture.ts';
import { createPasswordHasher, DEFAULT_ARGON2 } from './password-hasher.ts';

const hasher = createPasswordHasher();

describe('password hasher', () => {
  test('new hashes are argon2id (m=19 MiB, t=2, p=1) and verify', async () => {
    const hash = await hasher.hash('correct horse battery');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await hasher.verify(hash, 'correct horse battery'), true);
    assert.equal(await hasher.verify(hash, 'correct horse batterY'), false);
    assert.equal(hasher.needsRehash(hash), false);
    assert.notEqual(await hasher.hash('correct horse battery'), hash, 'salted');
  });

  test('Korean and emoji passwords', async () => {
    const hash = await hasher.hash('비밀번호😀테스트');
    assert.equal(await hasher.verify(hash, '비밀번호😀테스트'), true);
    assert.equal(await hasher.verify(hash, '비밀번호😀테스'), false);
  });

  test('bcrypt hashes made by bcryptjs at cost 10 ($2b$) verify, and are marked for rehash', async () => {
    const hash = await bcrypt.hash('imported-password', 10);
    assert.match(hash, /^\$2b\$10\$/);
    assert.equal(await hasher.verify(hash, 'imported-password'), true);
    assert.equal(await hasher.verify(hash, 'imported-passwordX'), false);
    assert.equal(hasher.needsRehash(hash), true);
    assert.equal(
      await hasher.verify(hash.replace('$2b$', '$2a$'), 'imported-password'),
      true,
      '$2a$ prefix too',
    );
  });

  test("Spring's BCryptPasswordEncoder ($2a$10$, jBCrypt vectors) verify", async () => {
    for (const [password, hash] of SPRING_BCRYPT_VECTORS) {
      assert.equal(await hasher.verify(hash, password), true, password);
      assert.equal(await hasher.verify(hash, `${password}!`), false, password);
    }
  });

  test('argon2 hashes with other parameters, unknown formats and garbage', async () => {
    const weaker = createPasswordHasher({ memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const hash = await weaker.hash('password-1');
    assert.equal(await hasher.verify(hash, 'password-1'), true);
    assert.equal(hasher.needsRehash(hash), true);
    for (const bad of ['', 'plain', '$1$abc$def', '$2a$10$short', '$argon2id$garbage', 'password-1']) {
      assert.equal(await hasher.verify(bad, 'password-1'), false, bad);
    }
  });

  test('no hash (unknown account) is false after a full argon2id verification with the real parameters', async () => {
    const verified: string[] = [];
    const watched = createPasswordHasher(DEFAULT_ARGON2, {
      hash: argon2Hash,
      verify: (hash, password, options) => {
        verified.push(hash.toString());
        return argon2Verify(hash, password, options);
      },
    });
    assert.equal(await watched.verify(null, 'password-1'), false);
    assert.equal(await watched.verify(null, 'password-1'), false);
    assert.equal(verified.length, 2, 'one argon2 verification per unknown-account login');
    for (const hash of verified) {
      assert.match(hash, /^\$argon2id\$/);
      assert.deepEqual(
        { ...parseOptions(hash) },
        { ...parseOptions(await watched.hash('x')) },
        'same cost as a real account',
      );
    }
  });
});
