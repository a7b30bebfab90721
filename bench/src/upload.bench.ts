import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { jsonPost, signupMany, startServerProcess } from './lib/server-process.ts';
import { fmt, percentiles } from './lib/stats.ts';

/** Issue 14: upload throughput and thumbnail time for 5 MB photos; memory flat for 20 x 20 MB at once. */
const PHOTOS = Number(process.env.BENCH_UPLOAD_PHOTOS ?? 20);
const BIG_FILES = 20;
const BIG_FILE_BYTES = 20 * 1024 * 1024;
/** "Flat": the server grows by less than this share of the bytes it is receiving at once. */
const FLAT_SHARE = 0.25;

const MB = 1024 * 1024;
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/** A phone-sized photo of about 5 MB: 16 megapixels (4624 x 3468) of noise, which does not compress. */
async function fiveMegabytePhoto(): Promise<Buffer> {
  return sharp({
    create: {
      width: 4624,
      height: 3468,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 24 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function upload(url: string, token: string, roomId: number, bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await fetch(`${url}/api/rooms/${roomId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { size: number };
}

/** The server's own time cleaning images and making thumbnails (its histogram's sum and count). */
async function processingSeconds(url: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${url}/actuator/prometheus`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return {
    sum: value('chat_attachment_image_processing_seconds_sum'),
    count: value('chat_attachment_image_processing_seconds_count'),
  };
}

/**
 * `npm run bench -- upload`: the server as its own process (embedded: files under DATA_DIR),
 * one user in a room. (1) 20 files of 20 MB at once, on the fresh server: throughput, and its
 * resident memory sampled every 20 ms against what it had before. (2) PHOTOS photos of about
 * 5 MB uploaded one after the other: time per upload (the answer comes once the image is
 * cleaned, thumbnailed and stored), throughput, and the server's processing time per image.
 */
export async function uploadBench(): Promise<string[]> {
  const lines: string[] = [];
  const server = await startServerProcess({
    UPLOAD_MAX_BYTES: String(BIG_FILE_BYTES + MB),
    UPLOAD_DAILY_QUOTA_BYTES: String(100 * 1024 * MB),
    REST_WRITE_RATE_PER_MIN: '100000',
  });
  try {
    const [me, other] = await signupMany(server.url, 2, `upload${Date.now()}`);
    const room = await jsonPost<{ id: number }>(
      server.url,
      '/api/rooms/group',
      { name: 'uploads', memberIds: [other!.userId] },
      me!.token,
    );
    const file = randomBytes(BIG_FILE_BYTES);
    const rssBefore = server.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, server.rss());
    }, 20);
    const t = process.hrtime.bigint();
    try {
      await Promise.all(
        Array.from({ length: BIG_FILES }, (_, i) =>
          upload(server.url, me!.token, room.id, file, `file-${i}.bin`, 'application/octet-stream'),
        ),
      );
    } finally {
      clearInterval(sampler);
    }
    const seconds = ms(t) / 1000;
    const inFlight = BIG_FILES * BIG_FILE_BYTES;
    const growth = peak - rssBefore;
    lines.push(
      `${BIG_FILES} files of 20 MB at once: ${fmt(inFlight / MB / seconds, 1)} MB/s; server RSS ` +
        `${fmt(rssBefore / MB)} MB before, peak ${fmt(peak / MB)} MB (+${fmt(growth / MB)} MB for ` +
        `${fmt(inFlight / MB)} MB received: ${fmt((growth / inFlight) * 100, 1)}%, target < ${FLAT_SHARE * 100}%` +
        `${growth < inFlight * FLAT_SHARE ? ', met' : ', NOT MET'})`,
    );
    const photo = await fiveMegabytePhoto();
    lines.push(`photo: 4624 x 3468 JPEG, ${fmt(photo.length / MB, 1)} MB`);
    await upload(server.url, me!.token, room.id, photo, 'warm-up.jpg', 'image/jpeg');
    const before = await processingSeconds(server.url);
    const times: number[] = [];
    const started = process.hrtime.bigint();
    for (let i = 0; i < PHOTOS; i++) {
      const t = process.hrtime.bigint();
      await upload(server.url, me!.token, room.id, photo, `photo-${i}.jpg`, 'image/jpeg');
      times.push(ms(t));
    }
    const total = ms(started) / 1000;
    const after = await processingSeconds(server.url);
    const p = percentiles(times);
    const perImage = ((after.sum - before.sum) / (after.count - before.count)) * 1000;
    lines.push(
      `${PHOTOS} photos one after the other: ${fmt((PHOTOS * photo.length) / MB / total, 1)} MB/s, ` +
        `${fmt(PHOTOS / total, 2)} photos/s; per upload p50 ${fmt(p.p50!)} ms, p95 ${fmt(p.p95!)} ms`,
    );
    lines.push(`server time per photo (clean EXIF, re-encode, WebP thumbnail): ${fmt(perImage)} ms`);
    lines.push(
      `server RSS after the photos: ${fmt(server.rss() / MB)} MB (libvips' threads keep their malloc arenas)`,
    );
  } finally {
    await server.stop();
  }
  return lines;
}
