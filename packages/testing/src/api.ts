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

/** A small JSON-over-HTTP client for tests (real sockets, like any client). */
export function createApi(baseUrl: string): Api {
  const seen: string[] = [];
  async function request(method: string, path: string, body?: unknown, opts: RequestOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined = opts.raw;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
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
