import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { AppError, type Logger } from '@chat/platform';
import type { FastifyInstance } from 'fastify';

/** Paths that are never the web client: unknown paths there keep the contract's JSON 404. */
const SERVER_PREFIXES = ['/api', '/ws', '/actuator', '/docs', '/internal'];
/** The router's limit on a path parameter (routerOptions.maxParamLength): longer is a 414. */
const MAX_SEGMENT = 200;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly cacheControl: string;
  /** For text files worth it: from the build, or compressed once at start. */
  readonly br?: Buffer;
  readonly gzip?: Buffer;
}

const COMPRESSIBLE = /^(text\/|image\/svg|application\/(json|manifest))/;
/** What the build precompresses (apps/web/scripts/precompress.mjs): served, not listed. */
const PRECOMPRESSED = /\.(br|gz)$/;
const isPrecompressed = (path: string) =>
  PRECOMPRESSED.test(path) && existsSync(path.replace(PRECOMPRESSED, ''));

/**
 * The compressed forms of a text file worth it: the build's `.br`/`.gz` beside it when they
 * are at least as new as the file, else compressed here once (a client built without them).
 */
function compressed(path: string, body: Buffer, type: string): Pick<Asset, 'br' | 'gzip'> {
  if (!COMPRESSIBLE.test(type) || body.length < 1024) return {};
  const fileTime = statSync(path).mtimeMs;
  const built = (suffix: string) => {
    const stat = statSync(`${path}${suffix}`, { throwIfNoEntry: false });
    return stat && stat.mtimeMs >= fileTime ? readFileSync(`${path}${suffix}`) : undefined;
  };
  return {
    br: built('.br') ?? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: built('.gz') ?? gzipSync(body, { level: 9 }),
  };
}

/** The encoding to send: brotli, else gzip, when the browser accepts it and the file has it. */
function encodingFor(asset: Asset, acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .filter((e) => !/;\s*q=0(\.0*)?\s*$/.test(e))
    .map((e) => e.split(';')[0]?.trim());
  if (asset.br && accepted.includes('br')) return 'br';
  if (asset.gzip && accepted.includes('gzip')) return 'gzip';
  return undefined;
}

/** Where `npm run build:web` puts the client: beside this file in the repo, or from the repo root. */
export function defaultWebDir(): string | undefined {
  const candidates = [
    fileURLToPath(new URL('../../web/dist/', import.meta.url)),
    resolve(process.cwd(), 'apps/web/dist'),
  ];
  return candidates.find((d) => existsSync(join(d, 'index.html')));
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!isPrecompressed(path)) {
        const url = `/${relative(dir, path).split(sep).join('/')}`;
        const body = readFileSync(path);
        const type = TYPES[extname(name)] ?? 'application/octet-stream';
        assets.set(url, {
          body,
          type,
          ...compressed(path, body, type),
          // Vite content-hashes everything under /assets: cache forever. The rest may change.
          cacheControl: url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
      }
    }
  };
  walk(dir);
  return assets;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const isServerPath = (path: string) => SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * Serves the built web client at `/`: files from memory, index.html for client routes (the SPA
 * fallback), while unknown paths under `/api`, `/ws`, `/actuator`, `/docs` (the API docs, see
 * api-docs.ts) and `/internal` keep their own 404s.
 */
export function mountWebClient(
  app: FastifyInstance,
  opts: { dir: string | undefined; logger: Logger },
): void {
  if (!opts.dir) {
    opts.logger.warn('web client not built (run `npm run build:web`); serving the API only');
    return;
  }
  const assets = loadAssets(opts.dir);
  const index = assets.get('/index.html');
  if (!index) return;
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const path = safeDecode((req.url.split('?')[0] ?? '/').replace(/\/+$/, '') || '/');
    if (isServerPath(path)) {
      // The API route did not match because a segment was over the router's limit: say so,
      // as the router does when no wildcard route catches the path.
      if (path.split('/').some((segment) => segment.length > MAX_SEGMENT)) {
        throw new AppError('URI_TOO_LONG', `A path segment is longer than ${MAX_SEGMENT} characters`);
      }
      return reply.callNotFound();
    }
    const file = assets.get(path);
    // A missing file (a stale hashed asset, /favicon.ico) is a 404, not the app's HTML.
    const asset = file ?? (extname(path) === '' ? index : undefined);
    if (!asset) return reply.callNotFound();
    reply.header('content-type', asset.type).header('cache-control', asset.cacheControl);
    if (!asset.br && !asset.gzip) return reply.send(asset.body);
    const encoding = encodingFor(asset, req.headers['accept-encoding']);
    reply.header('vary', 'accept-encoding');
    if (!encoding) return reply.send(asset.body);
    return reply.header('content-encoding', encoding).send(asset[encoding]);
  });
}
