import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '@chat/testing';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}

async function openApi(server: TestServer): Promise<OpenApiDocument> {
  const res = await server.api.get<OpenApiDocument>('/docs/openapi.json');
  assert.equal(res.status, 200);
  return res.body;
}

describe('API docs at /docs (every service in one process)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ transport: 'inject' });
  });
  after(async () => {
    await server?.stop();
  });

  test('/docs is the Swagger UI page, its scripts served as files under the platform CSP', async () => {
    const res = await server.api.get('/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    const html = res.text;
    assert.match(html, /<title>chat-platform API<\/title>/);
    assert.doesNotMatch(html, /<script>|<style/, 'no inline script or style');
    const script = html.match(/src="(\/docs\/static\/swagger-ui-bundle\.js)"/)?.[1];
    assert.ok(script, 'the UI bundle is linked');
    const bundle = await server.api.get(script);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.ok(bundle.text.includes('SwaggerUIBundle'));
  });

  test('/docs/openapi.json is one document with the routes of auth, users and chat', async () => {
    const doc = await openApi(server);
    assert.match(doc.openapi, /^3\./);
    for (const [path, method] of [
      ['/api/auth/signup', 'post'],
      ['/api/auth/login', 'post'],
      ['/api/users/me', 'get'],
      ['/api/rooms', 'get'],
      ['/api/rooms/{roomId}/messages', 'get'],
    ] as const) {
      assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} documented`);
    }
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/docs') || p === '/*'), 'no UI routes');
  });

  test('an unknown path under /docs keeps the JSON 404', async () => {
    const res = await server.api.get('/docs/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.body.error, 'NOT_FOUND');
  });
});

describe('API docs on a node running one service', () => {
  let chat: TestServer;
  before(async () => {
    chat = await startTestServer({ env: { SERVICES: 'chat' }, transport: 'inject' });
  });
  after(async () => {
    await chat?.stop();
  });

  test('--service=chat documents the chat routes, not those of auth or users', async () => {
    const paths = Object.keys((await openApi(chat)).paths);
    assert.ok(paths.includes('/api/rooms'), paths.join(' '));
    assert.ok(!paths.some((p) => p.startsWith('/api/auth/') || p.startsWith('/api/users')), paths.join(' '));
  });
});
