import { webcrypto } from 'node:crypto';

/**
 * The HS256 key from the configured secret (UTF-8 bytes), imported once as a WebCrypto key
 * (jose would otherwise import raw bytes on every call, halving verification throughput).
 * Derived on first use: building a service without a secret (e.g. to run migrations) works,
 * signing or verifying does not.
 */
export function lazySecretKey(secret: string | undefined): () => Promise<webcrypto.CryptoKey> {
  let key: Promise<webcrypto.CryptoKey> | undefined;
  return () => {
    if (!secret) return Promise.reject(new Error('JWT secret is not configured'));
    key ??= webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return key;
  };
}
