/** Secrets that must never run in production (they appear in docs and examples). */
export const KNOWN_WEAK_SECRETS = new Set([
  'secret',
  'changeme',
  'change-me',
  'dev-secret',
  'development-secret',
]);

/** A random secret of 32+ characters from any usual alphabet (hex, base64) has far more. */
const MIN_DISTINCT_CHARACTERS = 10;

/**
 * Why `value` is too weak to protect production, or undefined when it is strong enough: at least
 * 32 characters, at least 10 distinct ones (so `aaaa...` or `abcabc...` fail) and not well known.
 */
export function weakSecretProblem(name: string, value: string): string | undefined {
  const distinct = new Set(value).size;
  if (
    value.length < 32 ||
    distinct < MIN_DISTINCT_CHARACTERS ||
    KNOWN_WEAK_SECRETS.has(value.toLowerCase())
  ) {
    return `${name} must be at least 32 random characters (${MIN_DISTINCT_CHARACTERS}+ distinct) in production, e.g. openssl rand -hex 32`;
  }
  return undefined;
}
