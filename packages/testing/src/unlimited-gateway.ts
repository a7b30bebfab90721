/**
 * Every test client comes from 127.0.0.1: the gateway's per-address buckets would make suites
 * that sign up many users fail for a reason they do not test. Suites about the limits set them.
 */
export const UNLIMITED_GATEWAY = {
  GATEWAY_LIMIT_AUTH: '100000/100000',
  GATEWAY_LIMIT_USERS: '100000/100000',
  GATEWAY_LIMIT_CHAT: '100000/100000',
  GATEWAY_LIMIT_BATCH: '100000/100000',
  GATEWAY_LIMIT_STORE: '100000/100000',
  GATEWAY_LIMIT_SOCIAL: '100000/100000',
} as const;
