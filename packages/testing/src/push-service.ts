import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';

/** A push as the test push service received it, checked and decrypted. */
export interface ReceivedPush {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** The VAPID JWT's claims, its signature checked against the key it came with. */
  readonly claims: { aud: string; exp: number; sub: string };
  /** The public key the JWT was signed with (`k=`), base64url. */
  readonly vapidKey: string;
  /** The plaintext (RFC 8291 aes128gcm, decrypted with the subscription's private key). */
  readonly payload: string;
}

/** A browser's side of one subscription: what it sends the server, and its private key. */
export interface TestSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
  readonly privateKey: Buffer;
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
/** HKDF-Expand for one block (RFC 5869): every length here is at most 32. */
const expand = (prk: Buffer, info: Buffer, length: number) =>
  hmac(prk, Buffer.concat([info, Buffer.from([1])])).subarray(0, length);

/** RFC 8291 / RFC 8188: the plaintext of an aes128gcm body for the holder of `privateKey`. */
export function decryptPush(body: Buffer, sub: { privateKey: Buffer; p256dh: string; auth: string }): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error('more than one record');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(sub.privateKey);
  const secret = ecdh.computeSecret(serverKey);
  const uaPublic = Buffer.from(sub.p256dh, 'base64url');
  const prkKey = hmac(Buffer.from(sub.auth, 'base64url'), secret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, serverKey]);
  const ikm = expand(prkKey, keyInfo, 32);
  const prk = hmac(salt, ikm);
  const cek = expand(prk, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = expand(prk, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with 0x02 and then zero padding.
  const end = padded.lastIndexOf(2);
  if (end < 0 || padded.subarray(end + 1).some((b) => b !== 0)) throw new Error('bad padding delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>` (RFC 8292): ES256 over the JWT with that key. */
export function checkVapid(header: string | undefined): { claims: ReceivedPush['claims']; key: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`not a VAPID authorization: ${header}`);
  const [jwt, key] = [m[1]!, m[2]!];
  const [head, body, signature] = jwt.split('.');
  if (!head || !body || !signature) throw new Error('not a JWT');
  const raw = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('VAPID signature does not verify');
  if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'ES256') throw new Error('not ES256');
  return { claims: JSON.parse(Buffer.from(body, 'base64url').toString()), key };
}

/**
 * A push service on localhost for tests: every POST is checked (VAPID, RFC 8292) and decrypted
 * (RFC 8291) with the private key of the subscription it was made for, and kept. `respond`
 * sets the status a subscription's pushes get (201 by default; 410 for one that is gone).
 */
export async function startTestPushService() {
  const subscriptions = new Map<string, TestSubscription>();
  const statuses = new Map<string, number>();
  /** Answers the next pushes of a subscription get before its status applies again. */
  const refusals = new Map<string, { status: number; retryAfterSec?: number }[]>();
  const received: ReceivedPush[] = [];
  const failures: string[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const sub = subscriptions.get(path);
      try {
        if (!sub) throw new Error(`no subscription at ${path}`);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const { claims, key } = checkVapid(req.headers.authorization);
        const payload = decryptPush(Buffer.concat(chunks), { privateKey: sub.privateKey, ...sub.keys });
        received.push({ path, headers: req.headers, claims, vapidKey: key, payload });
        const next = refusals.get(path)?.shift();
        if (next)
          res.writeHead(next.status, next.retryAfterSec ? { 'retry-after': String(next.retryAfterSec) } : {});
        else res.writeHead(statuses.get(path) ?? 201);
        res.end();
      } catch (err) {
        failures.push((err as Error).message);
        res.writeHead(400).end((err as Error).message);
      }
      for (const w of waiters.splice(0)) w();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    received,
    failures,
    /** A new subscription, as a browser's PushManager would make one. */
    subscribe(): TestSubscription {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const path = `/push/${randomBytes(9).toString('base64url')}`;
      const sub: TestSubscription = {
        endpoint: `${origin}${path}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: randomBytes(16).toString('base64url'),
        },
        privateKey: ecdh.getPrivateKey(),
      };
      subscriptions.set(path, sub);
      return sub;
    },
    /** The next pushes to this subscription get these answers (then `respond`'s status again). */
    refuseNext(sub: TestSubscription, ...answers: { status: number; retryAfterSec?: number }[]) {
      refusals.set(new URL(sub.endpoint).pathname, [...answers]);
    },
    /** Pushes to this subscription answer `status` from now on. */
    respond(sub: TestSubscription, status: number) {
      statuses.set(new URL(sub.endpoint).pathname, status);
    },
    /** Waits until `predicate` holds for what was received (or `timeoutMs`). */
    async until(predicate: (all: readonly ReceivedPush[]) => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`push service: condition not met within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestPushService = Awaited<ReturnType<typeof startTestPushService>>;
