// `npm run sandbox:payments`: starts from the environment, prints its URL, stops on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

test('the CLI prints its URL, serves, and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_SECRET_KEY: 'sk', SANDBOX_WEBHOOK_SECRET: 'wh' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/v1/payments/x`, { headers: { authorization: 'Bearer sk' } });
    assert.equal(res.status, 404);
    await res.body?.cancel();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

test('the CLI refuses to start without its secrets', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_SECRET_KEY: '', SANDBOX_WEBHOOK_SECRET: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(err, /SANDBOX_SECRET_KEY/);
  assert.match(err, /SANDBOX_WEBHOOK_SECRET/);
});
