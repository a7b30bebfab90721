import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '../config/config.ts';

/** Whether the peer at hop `i` (0: the socket's) with address `addr` may set X-Forwarded-For. */
export type TrustFunction = (addr: string, i: number) => boolean;

/** TRUST_PROXY as a trust function, with the meaning Fastify's `trustProxy` gives each value. */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_addr, i) => i < trust;
  return proxyAddr.compile([...trust]);
}

/**
 * The addresses of a raw request from the closest (the socket's peer) to the client, stopping
 * at the first untrusted hop: the last one is the client address. For paths Fastify's `req.ip`
 * does not cover (WebSocket upgrades).
 */
export function forwardedChain(req: IncomingMessage, trust: TrustFunction): string[] {
  return proxyAddr.all(req, trust);
}

/** The X-Forwarded-For to send upstream: the trusted chain, furthest (the client) first. */
export function forwardedFor(chainClosestFirst: readonly string[]): string {
  return [...chainClosestFirst].reverse().join(', ');
}
