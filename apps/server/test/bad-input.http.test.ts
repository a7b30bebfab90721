import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { type ApiResponse, buildUser, describeOnBackends, signup } from '@chat/testing';

/** Every error is the contract's body, with the status it came with. */
function assertContractError(res: ApiResponse, status: number, what: string): void {
  assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
  assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'path', 'status', 'timestamp'], what);
  assert.equal(res.body.status, status, what);
  assert.ok(!/stack|at .*\.ts/.test(res.text), `${what}: no stack trace`);
}

/** A raw HTTP request (fetch refuses some of what a hostile client sends). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const NOT_IDS = ['Infinity', '-Infinity', '1e400', '1e3', '007', '0x10', '%201', '9007199254740992', '1.0'];

await describeOnBackends('bad input at the HTTP edge', (p) => {
  test('ids, cursors, afterSeq and sizes that are not canonical integers: 400 contract body on every route family, nothing changed', async () => {
    const owner = await signup(p().api);
    const other = await signup(p().api);
    const created = await p().api.post(
      '/api/rooms/group',
      { name: 'kept', memberIds: [other.userId] },
      { token: owner.token },
    );
    assert.equal(created.status, 201);
    const roomId = created.body.id as number;
    const before = {
      rooms: (await p().api.get('/api/rooms', { token: owner.token })).body,
      room: (await p().api.get(`/api/rooms/${roomId}`, { token: owner.token })).body,
      other: (await p().api.get(`/api/users/${other.userId}`, { token: owner.token })).body,
    };
    const admin = p().admin.token;
    for (const bad of NOT_IDS) {
      const calls: [string, string, unknown, string][] = [
        ['GET', `/api/users/${bad}`, undefined, owner.token],
        ['PATCH', `/api/users/${bad}/status`, { status: 'SUSPENDED' }, admin],
        ['DELETE', `/api/users/${bad}`, undefined, admin],
        ['GET', `/api/users?query=user&size=${bad}`, undefined, owner.token],
        ['GET', `/api/rooms/${bad}`, undefined, owner.token],
        ['POST', `/api/rooms/${bad}/members`, { userIds: [other.userId] }, owner.token],
        ['DELETE', `/api/rooms/${bad}/members/me`, undefined, owner.token],
        ['GET', `/api/rooms/${bad}/messages`, undefined, owner.token],
        ['GET', `/api/rooms/${roomId}/messages?cursor=${bad}`, undefined, owner.token],
        ['GET', `/api/rooms/${roomId}/messages?afterSeq=${bad}`, undefined, owner.token],
        ['GET', `/api/rooms/${roomId}/messages?size=${bad}`, undefined, owner.token],
        ['GET', `/api/rooms/${bad}/messages/search?q=a`, undefined, owner.token],
        ['GET', `/api/rooms/${roomId}/messages/search?q=a&size=${bad}`, undefined, owner.token],
        ['POST', `/api/rooms/${bad}/read`, { lastReadMessageId: 1 }, owner.token],
        ['GET', `/api/rooms/${bad}/members/online`, undefined, owner.token],
        ['GET', `/api/admin/dead-letters?limit=${bad}`, undefined, admin],
      ];
      for (const [method, path, body, token] of calls) {
        const res = await p().api.request(method, path, body, { token });
        assertContractError(res, 400, `${method} ${path}`);
        assert.match(res.body.message, /^(params|querystring)\.\w+ /, `${method} ${path} names the field`);
      }
    }
    // JSON numbers: 1e400 parses as Infinity.
    for (const [path, raw] of [
      ['/api/rooms/direct', '{"targetUserId":1e400}'],
      ['/api/rooms/group', '{"name":"x","memberIds":[-1e400]}'],
      [`/api/rooms/${roomId}/read`, '{"lastReadMessageId":1e400}'],
      [`/api/rooms/${roomId}/members`, '{"userIds":[1e400]}'],
    ] as const) {
      const res = await p().api.request('POST', path, undefined, { token: owner.token, raw });
      assertContractError(res, 400, `POST ${path} ${raw}`);
      assert.match(res.body.message, /^body\./);
    }
    assert.deepEqual((await p().api.get('/api/rooms', { token: owner.token })).body, before.rooms);
    assert.deepEqual((await p().api.get(`/api/rooms/${roomId}`, { token: owner.token })).body, before.room);
    assert.deepEqual(
      (await p().api.get(`/api/users/${other.userId}`, { token: owner.token })).body,
      before.other,
    );
  });

  test('NUL and lone surrogates in any text (query, path, body): 400 naming the field, never a 500', async () => {
    const user = await signup(p().api);
    const room = await p().api.post('/api/rooms/group', { name: 'r', memberIds: [] }, { token: user.token });
    const roomId = room.body.id as number;
    const cases: [string, string, string | undefined, RegExp][] = [
      ['GET', `/api/rooms/${roomId}/messages/search?q=a%00b`, undefined, /^querystring\.q /],
      ['GET', '/api/users?query=a%00b', undefined, /^querystring\.query /],
      ['POST', '/api/rooms/group', '{"name":"a\\u0000b","memberIds":[]}', /^body\.name /],
      ['POST', '/api/rooms/group', '{"name":"a\\ud800b","memberIds":[]}', /^body\.name /],
      ['PATCH', '/api/users/me', '{"nickname":"a\\u0000b"}', /^body\.nickname /],
      ['PATCH', '/api/users/me', '{"statusMessage":"hi\\udc00"}', /^body\.statusMessage /],
      ['POST', '/api/auth/login', `{"email":"${user.email}","password":"x\\ud800"}`, /^body\.password /],
      // Deeper than anything the API takes: refused rather than left unchecked.
      [
        'POST',
        '/api/rooms/group',
        `{"name":"x","memberIds":[],"extra":${'['.repeat(40)}"\\u0000"${']'.repeat(40)}}`,
        /^body\.extra(\.0)* is nested deeper than 32 levels/,
      ],
    ];
    for (const [method, path, raw, field] of cases) {
      const res = await p().api.request(method, path, undefined, { token: user.token, raw });
      assertContractError(res, 400, `${method} ${path} ${raw ?? ''}`);
      assert.match(res.body.message, field);
    }
    const rooms = await p().api.get('/api/rooms', { token: user.token });
    assert.equal(rooms.body.length, 1, 'no room was created');
    const me = await p().api.get('/api/users/me', { token: user.token });
    assert.equal(me.body.nickname, user.nickname);
    assert.equal(me.body.statusMessage, null);
  });

  test('passwords with lone surrogates are refused, so two of them never log in as one', async () => {
    const email = `surrogate-${Date.now()}@example.com`;
    const signupRaw = (password: string) =>
      p().api.request('POST', '/api/auth/signup', undefined, {
        raw: `{"email":"${email}","password":"${password}","nickname":"s"}`,
      });
    const refused = await signupRaw('abcdefgh\\ud800');
    assertContractError(refused, 400, 'signup with a lone surrogate');
    assert.match(refused.body.message, /body\.password/);
    // U+FFFD is what a lone surrogate used to become; as a real character it is fine.
    assert.equal((await signupRaw('abcdefgh\\ufffd')).status, 201);
    const loginRaw = (password: string) =>
      p().api.request('POST', '/api/auth/login', undefined, {
        raw: `{"email":"${email}","password":"${password}"}`,
      });
    assert.equal((await loginRaw('abcdefgh\\ufffd')).status, 200);
    for (const lone of ['abcdefgh\\ud800', 'abcdefgh\\udfff']) {
      const res = await loginRaw(lone);
      assertContractError(res, 400, `login with ${lone}`);
    }
  });

  test('nicknames and room names: controls, bidi overrides and invisible characters are 400s naming the field; stored trimmed, in NFC', async () => {
    const user = await signup(p().api);
    const tricks = [
      'a\u202eb', // RIGHT-TO-LEFT OVERRIDE
      'a\u2066b', // LEFT-TO-RIGHT ISOLATE
      'admin\u200b', // ZERO WIDTH SPACE
      '\ufeffbob', // BOM
      'a\u0085b', // C1 control
      'a\u007fb', // DEL
      'a\u0007b', // BEL
    ];
    for (const trick of tricks) {
      const patched = await p().api.patch('/api/users/me', { nickname: trick }, { token: user.token });
      assertContractError(patched, 400, `nickname ${JSON.stringify(trick)}`);
      assert.match(patched.body.message, /^body\.nickname /);
      const room = await p().api.post(
        '/api/rooms/group',
        { name: trick, memberIds: [] },
        { token: user.token },
      );
      assertContractError(room, 400, `room name ${JSON.stringify(trick)}`);
      assert.match(room.body.message, /^body\.name /);
      const signedUp = await p().api.post('/api/auth/signup', { ...buildUser(), nickname: trick });
      assertContractError(signedUp, 400, `signup nickname ${JSON.stringify(trick)}`);
    }
    assert.equal((await p().api.get('/api/rooms', { token: user.token })).body.length, 0);
    // Decomposed é (e + U+0301) with spaces around: stored as one NFC é, trimmed.
    const decomposed = '  e\u0301cole  ';
    const patched = await p().api.patch('/api/users/me', { nickname: decomposed }, { token: user.token });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.nickname, '\u00e9cole');
    const room = await p().api.post(
      '/api/rooms/group',
      { name: decomposed, memberIds: [] },
      { token: user.token },
    );
    assert.equal(room.status, 201);
    assert.equal(room.body.name, '\u00e9cole');
    const fresh = await p().api.post('/api/auth/signup', { ...buildUser(), nickname: ` ${decomposed}` });
    assert.equal(fresh.status, 201);
    assert.equal(fresh.body.nickname, '\u00e9cole');
    // Emoji sequences (ZWJ), Korean and Arabic stay as they are.
    for (const fine of ['👨‍👩‍👧', '김철수', 'مرحبا']) {
      const res = await p().api.patch('/api/users/me', { nickname: fine }, { token: user.token });
      assert.equal(res.status, 200, fine);
      assert.equal(res.body.nickname, fine);
    }
  });

  test('profileImageUrl: only an absolute http(s) URL with a host; 400 naming the field otherwise', async () => {
    const user = await signup(p().api);
    for (const bad of [
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '/relative.png',
      'https://',
      'http:///x',
      'https://%00',
      'https://bank.example@evil.example/a.png',
    ]) {
      const res = await p().api.patch('/api/users/me', { profileImageUrl: bad }, { token: user.token });
      assertContractError(res, 400, `profileImageUrl ${bad}`);
      assert.match(res.body.message, /profileImageUrl/);
    }
    const me = await p().api.get('/api/users/me', { token: user.token });
    assert.equal(me.body.profileImageUrl, null, 'nothing was stored');
    const ok = await p().api.patch(
      '/api/users/me',
      { profileImageUrl: 'https://img.example.com/a.png?size=64' },
      { token: user.token },
    );
    assert.equal(ok.status, 200);
    assert.equal(ok.body.profileImageUrl, 'https://img.example.com/a.png?size=64');
  });

  test('a malformed percent-encoding or an over-long path segment: the contract body, with security headers', async () => {
    const user = await signup(p().api);
    const badUrl = await p().api.get('/api/rooms/%E0%A4%A', { token: user.token });
    assertContractError(badUrl, 400, 'bad percent-encoding');
    assert.equal(badUrl.body.error, 'BAD_REQUEST');
    assert.equal(badUrl.headers.get('x-content-type-options'), 'nosniff');
    const longSegment = await p().api.get(`/api/rooms/${'1'.repeat(300)}`, { token: user.token });
    assertContractError(longSegment, 414, 'path segment over 200 characters');
    assert.equal(longSegment.body.error, 'URI_TOO_LONG');
  });

  test('an over-long URL or header: 431 with the contract body', async () => {
    const longUrl = await rawGet(p().server.url, `/api/users?query=${'a'.repeat(20_000)}`);
    assert.equal(longUrl.status, 431);
    const body = longUrl.body as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'path', 'status', 'timestamp']);
    assert.equal(body.status, 431);
    assert.equal(body.error, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
    const bigHeader = await rawGet(p().server.url, '/actuator/health', { 'x-padding': 'b'.repeat(20_000) });
    assert.equal(bigHeader.status, 431);
    assert.equal((bigHeader.body as Record<string, unknown>).error, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
  });
});
