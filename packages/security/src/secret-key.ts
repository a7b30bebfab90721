/**
 * The HS256 key: the configured secret's UTF-8 bytes, computed once, on first use. Building a
 * service without a secret (e.g. to run migrations) works; signing or verifying throws.
 */
export function lazySecretKey(secret: string | undefined): () => Buffer {
  let key: Buffer | undefined;
  return () => {
    if (!secret) throw new Error('JWT secret is not configured');
    key ??= Buffer.from(secret, 'utf8');
    return key;
  };
}
