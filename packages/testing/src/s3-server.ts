import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

/** What a test needs to point S3_* settings (or the adapter) at a local S3-protocol server. */
export interface TestS3Server {
  readonly endpoint: string;
  readonly bucket: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** S3_* variables for a server process using this bucket. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * An S3-protocol server from npm (`s3rver`) on a free port, storing in a temporary folder,
 * with one empty bucket. No S3 service can be installed on the machines this runs on.
 */
export async function startTestS3Server(): Promise<TestS3Server> {
  const dir = await mkdtemp(join(tmpdir(), 'chat-test-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const bucket = 'chat-test';
  // s3rver accepts its own well-known key pair.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  // The SDK's notice about Node 22 (see the adapter in @chat/platform) is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  try {
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    admin.destroy();
  }
  return {
    endpoint,
    bucket,
    credentials,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
