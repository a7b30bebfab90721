import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Errors } from '@chat/platform';

/** An upload written to a private temporary file: read it, then `discard()` it. */
export interface Spooled {
  readonly path: string;
  readonly size: number;
  discard(): Promise<void>;
}

/**
 * Streams an upload to a temporary file of its own (never whole in memory), stopping at
 * `maxBytes` (413, nothing kept). The multipart parser ends the stream with its own error when
 * the file is over its limit; both are turned into the contract's 413.
 */
export async function spool(stream: Readable & { truncated?: boolean }, maxBytes: number): Promise<Spooled> {
  const dir = await mkdtemp(join(tmpdir(), 'chat-upload-'));
  const discard = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  try {
    await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
    const { size } = await stat(path);
    if (stream.truncated || size > maxBytes) throw Errors.fileTooLarge(maxBytes);
    return { path, size, discard };
  } catch (err) {
    await discard();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw Errors.fileTooLarge(maxBytes);
    throw err;
  }
}
