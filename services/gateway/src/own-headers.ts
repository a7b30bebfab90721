import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

type ReplyHeaders = ReturnType<FastifyReply['getHeaders']>;

/**
 * The headers the gateway put on an answer itself before proxying it (request id, security
 * headers, the CORS grant, the remaining budget), kept aside so that an answer it gives in place
 * of an upstream's (a retry on another instance, 503 when none answers) carries them again
 * instead of the failed upstream's, or none.
 */
const own = new WeakMap<FastifyReply, ReplyHeaders>();

/** Keeps the reply's headers as they are before the first attempt (later calls keep the first). */
export function rememberOwnHeaders(reply: FastifyReply): void {
  if (!own.has(reply)) own.set(reply, { ...reply.getHeaders() });
}

/** Drops every header an attempt copied from an upstream, back to the gateway's own. */
export function restoreOwnHeaders(reply: FastifyReply): void {
  for (const name of Object.keys(reply.getHeaders())) reply.removeHeader(name);
  reply.headers(own.get(reply) ?? {});
}

/**
 * An upstream's answer headers when the gateway has its own CORS policy (CORS_ORIGINS): that
 * policy answered the preflight, so the answer grants the same. The upstream's Access-Control-*
 * headers are dropped (they would replace the gateway's grant) and its Vary joins the gateway's
 * (`Origin`) instead of replacing it, so a cache never serves one origin's grant to another.
 */
export function withoutUpstreamCors(upstream: IncomingHttpHeaders, reply: FastifyReply): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (!name.toLowerCase().startsWith('access-control-')) out[name] = value;
  }
  const vary = joinVary(reply.getHeader('vary'), upstream.vary);
  if (vary) out.vary = vary;
  return out;
}

function joinVary(...values: (string | string[] | number | undefined)[]): string {
  const names = values.flatMap((v) => (v === undefined ? [] : [v].flat().map(String)));
  const seen = new Map<string, string>();
  for (const name of names.flatMap((v) => v.split(','))) {
    const trimmed = name.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()].join(', ');
}
