import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, parseOptions } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/** argon2id parameters (OWASP: m=19 MiB, t=2, p=1). */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const DEFAULT_ARGON2: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** `Algorithm.Argon2id` (a const enum, not importable under isolatedModules). */
const ARGON2ID = 2;
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

export interface PasswordHasher {
  /** A new argon2id hash. */
  hash(password: string): Promise<string>;
  /**
   * True when the password matches. Accepts argon2id and bcrypt ($2a$, $2b$, $2y$) hashes. With
   * no hash (unknown account) it verifies against a dummy hash, so both cases take similar time.
   * Both libraries compare in constant time.
   */
  verify(hash: string | null, password: string): Promise<boolean>;
  /** True for bcrypt hashes and argon2 hashes made with other parameters (rehash on login). */
  needsRehash(hash: string): boolean;
}

/** The argon2 functions the hasher calls (a test passes wrappers to watch them). */
export interface Argon2Functions {
  hash: typeof argon2Hash;
  verify: typeof argon2Verify;
}

export function createPasswordHasher(
  params: Argon2Params = DEFAULT_ARGON2,
  argon2: Argon2Functions = { hash: argon2Hash, verify: argon2Verify },
): PasswordHasher {
  const options = { ...params, algorithm: ARGON2ID as never };
  let dummy: Promise<string> | undefined;
  const dummyHash = () => {
    dummy ??= argon2.hash(randomBytes(16).toString('hex'), options);
    return dummy;
  };

  async function verifyKnown(hash: string, password: string): Promise<boolean> {
    if (hash.startsWith('$argon2')) return argon2.verify(hash, password).catch(() => false);
    if (BCRYPT.test(hash)) return bcrypt.compare(password, hash).catch(() => false);
    return false;
  }

  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      if (hash === null) {
        await argon2.verify(await dummyHash(), password).catch(() => false);
        return false;
      }
      return verifyKnown(hash, password);
    },
    needsRehash(hash) {
      if (!hash.startsWith('$argon2id$')) return true;
      try {
        const p = parseOptions(hash);
        return (
          p.memoryCost !== params.memoryCost ||
          p.timeCost !== params.timeCost ||
          p.parallelism !== params.parallelism
        );
      } catch {
        return true;
      }
    },
  };
}
