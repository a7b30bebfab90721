// `npm run sandbox:payments`: the sandbox as its own process, configured from the environment.
import { startPaymentSandbox } from './server.ts';

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.SANDBOX_PORT ?? 8090);
  const problems: string[] = [];
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push('SANDBOX_PORT must be a port number');
  if (!env.SANDBOX_SECRET_KEY) problems.push('SANDBOX_SECRET_KEY is required');
  if (!env.SANDBOX_WEBHOOK_SECRET) problems.push('SANDBOX_WEBHOOK_SECRET is required');
  if (problems.length > 0) {
    process.stderr.write(`payment sandbox: ${problems.join('; ')}\n`);
    process.exit(2);
  }
  const sandbox = await startPaymentSandbox({
    port,
    host: env.SANDBOX_HOST || '127.0.0.1',
    secretKey: env.SANDBOX_SECRET_KEY as string,
    webhookSecret: env.SANDBOX_WEBHOOK_SECRET as string,
    webhookUrl: env.SANDBOX_WEBHOOK_URL || undefined,
    publicUrl: env.SANDBOX_PUBLIC_URL || undefined,
  });
  process.stdout.write(
    `payment sandbox listening on ${sandbox.url} (in memory: a restart forgets payments)\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`payment sandbox: ${signal}, stopping\n`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`payment sandbox: close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`payment sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
