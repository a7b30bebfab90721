/** Response bodies in tests are asserted field by field, so they are loosely typed. */
// biome-ignore lint/suspicious/noExplicitAny: the one loose type of the test HTTP helper
export type Loose = any;

export interface ApiResponse<T = Loose> {
  status: number;
  headers: Headers;
  /** Parsed JSON (null for an empty body). */
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** A raw body sent as is (with the content-type from headers, JSON by default). */
  raw?: string;
}

export interface Api {
  request<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    opts?: RequestOptions,
  ): Promise<ApiResponse<T>>;
  get<T = Loose>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  post<T = Loose>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  patch<T = Loose>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  put<T = Loose>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  delete<T = Loose>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** Every response body text seen so far (to assert that none leaks a secret). */
  readonly seen: readonly string[];
}

/** One request as the test client sends it (the path includes the query string). */
export interface TransportRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** How the test client reaches the server: the status, headers and body text of one response. */
export type Transport = (
  req: TransportRequest,
) => Promise<{ status: number; headers: Headers; text: string }>;

/** Real sockets, like any client (fetch). */
export function fetchTransport(baseUrl: string): Transport {
  return async ({ method, path, headers, body }) => {
    const res = await fetch(baseUrl + path, { method, headers, body });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}

/** What the inject transport needs of a Fastify app (its `inject`), kept structural. */
export interface Injectable {
  inject(opts: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: string;
  }): PromiseLike<{ statusCode: number; headers: Record<string, unknown>; payload: string }>;
}

/**
 * Fastify's `app.inject`: the same routes, hooks and error handling without a socket round trip.
 * The Host header is the listening server's, so host-derived headers (CSP) read the same as over
 * fetch. Not for tests about the socket layer (header or URI limits, timeouts, connections).
 */
export function injectTransport(app: Injectable, baseUrl: string): Transport {
  const host = new URL(baseUrl).host;
  return async ({ method, path, headers, body }) => {
    const res = await app.inject({ method, url: path, headers: { host, ...headers }, payload: body });
    const out = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(name, String(v));
    }
    return { status: res.statusCode, headers: out, text: res.payload };
  };
}

/** A small JSON-over-HTTP client for tests: real sockets for a base URL, or any transport. */
export function createApi(target: string | Transport): Api {
  const send = typeof target === 'string' ? fetchTransport(target) : target;
  const seen: string[] = [];
  async function request(method: string, path: string, body?: unknown, opts: RequestOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined = opts.raw;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await send({ method, path, headers, body: payload });
    const text = res.text;
    seen.push(text);
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed as Loose, text };
  }
  return {
    request,
    get: (path, opts) => request('GET', path, undefined, opts),
    post: (path, body, opts) => request('POST', path, body, opts),
    patch: (path, body, opts) => request('PATCH', path, body, opts),
    put: (path, body, opts) => request('PUT', path, body, opts),
    delete: (path, opts) => request('DELETE', path, undefined, opts),
    seen,
  };
}
