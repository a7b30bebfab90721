import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { AttachmentKind, AttachmentRef, MessageAttachment } from '@chat/contracts';
import {
  type ByteRange,
  Errors,
  isAppError,
  type Logger,
  type ObjectRead,
  type ObjectStore,
} from '@chat/platform';
import { fileTypeFromFile } from 'file-type';
import { attachmentRef, objectKeys, presentAttachment } from './attachment.presenter.ts';
import type { AttachmentRepository } from './attachment.repository.ts';
import { checkFileName } from './file-name.ts';
import { IMAGE_TYPES, processImage } from './image.ts';
import { type Spooled, spool } from './upload-spool.ts';

const DAY_MS = 86_400_000;

export interface AttachmentLimits {
  readonly maxBytes: number;
  readonly dailyQuotaBytes: number;
  readonly retentionDays: number;
  readonly unsentTtlMs: number;
  readonly maxImagePixels: number;
}

/** A file part of a multipart upload, as the route hands it over. */
export interface IncomingFile {
  readonly filename: string | undefined;
  /** The type the client claimed (checked against the content, never trusted). */
  readonly mimetype: string | undefined;
  readonly file: Readable & { truncated?: boolean };
}

/** An attachment a member may download: what it is, and its bytes when asked for. */
export interface Download {
  readonly name: string;
  readonly contentType: string;
  readonly etag: string;
  /** Bytes of the whole file (or thumbnail). */
  readonly size: number;
  /** Opens the bytes (all, or a range inside them); null when the storage lost them. */
  read(range?: ByteRange): Promise<ObjectRead | null>;
}

/** What the service reports (the chat metrics, or nothing in unit tests). */
export interface AttachmentMetrics {
  stored(kind: AttachmentKind, bytes: number): void;
  refused(): void;
  imageProcessed(seconds: number): void;
  removed(count: number): void;
}

/** At most this many images are decoded at once per node (CPU and memory bound). */
const IMAGE_CONCURRENCY = 2;

/**
 * Attachments: an upload is spooled to a temporary file, its type found from its content,
 * an image cleaned of its metadata and given a thumbnail; then its bytes go to object storage
 * and its row says so. Sending checks it is the sender's, in that room, and not gone; reading
 * checks the reader is a member (the route) and the file is sent or theirs.
 */
export function createAttachmentService(deps: {
  repo: AttachmentRepository;
  storage: ObjectStore;
  limits: AttachmentLimits;
  logger: Logger;
  metrics?: AttachmentMetrics;
  now?: () => number;
}) {
  const { repo, storage, limits } = deps;
  const now = deps.now ?? Date.now;
  let decoding = 0;
  const waiting: (() => void)[] = [];
  async function decodeSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (decoding >= IMAGE_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    decoding++;
    try {
      return await fn();
    } finally {
      decoding--;
      waiting.shift()?.();
    }
  }

  /** The user's uploads of the last day, this one's row included, within the quota. */
  async function checkQuota(userId: number): Promise<void> {
    const used = await repo.usedSince(userId, new Date(now() - DAY_MS));
    if (used.bytes > limits.dailyQuotaBytes) {
      const freeAt = (used.oldest?.getTime() ?? now()) + DAY_MS;
      throw Errors.uploadQuotaExceeded(limits.dailyQuotaBytes, freeAt - now());
    }
  }

  /** Stores what the spooled upload becomes: the cleaned image and its thumbnail, or the file as is. */
  async function store(id: string, spooled: Spooled, claimed: string | undefined) {
    const sniffed = (await fileTypeFromFile(spooled.path))?.mime;
    if (claimed?.startsWith('image/') && !sniffed?.startsWith('image/')) {
      throw Errors.badRequest(`the file is not the image it claims to be (${claimed})`);
    }
    const contentType = sniffed ?? 'application/octet-stream';
    const keys = objectKeys(id);
    if (!IMAGE_TYPES.has(contentType)) {
      await storage.put(keys.original, createReadStream(spooled.path), spooled.size);
      return { contentType, kind: 'FILE' as AttachmentKind, size: spooled.size };
    }
    const image = await decodeSlot(async () => {
      const started = performance.now();
      const processed = await processImage(spooled.path, contentType, limits.maxImagePixels);
      deps.metrics?.imageProcessed((performance.now() - started) / 1000);
      return processed;
    });
    await storage.put(keys.original, image.original, image.original.length);
    await storage.put(keys.thumbnail, image.thumbnail, image.thumbnail.length);
    return {
      contentType,
      kind: 'IMAGE' as AttachmentKind,
      size: image.original.length,
      width: image.width,
      height: image.height,
      thumbnailSize: image.thumbnail.length,
    };
  }

  return {
    /**
     * An upload to a room (the route checked membership): refused before reading when the
     * user's quota is used up, and after when the file is empty, too large, lies about being
     * an image, or is an image that cannot be read. Nothing of a refused upload is kept.
     */
    async upload(userId: number, roomId: number, incoming: IncomingFile): Promise<MessageAttachment> {
      let name: string;
      try {
        name = checkFileName(incoming.filename);
        await checkQuota(userId);
      } catch (err) {
        incoming.file.resume(); // let the request finish, so the error reaches the client
        if (isAppError(err)) deps.metrics?.refused();
        throw err;
      }
      const spooled = await spool(incoming.file, limits.maxBytes).catch((err: unknown) => {
        if (isAppError(err)) deps.metrics?.refused();
        throw err;
      });
      const id = randomBytes(16).toString('base64url');
      let begun = false;
      try {
        if (spooled.size === 0) throw Errors.badRequest('the file is empty');
        const expiresAt = limits.retentionDays > 0 ? new Date(now() + limits.retentionDays * DAY_MS) : null;
        // The row first: if this process dies while storing, the clean-up finds the bytes by it.
        // It counts in the quota at once, so uploads running side by side see each other.
        await repo.begin({
          id,
          roomId,
          uploaderId: userId,
          name,
          kind: 'FILE',
          createdAt: new Date(now()),
          expiresAt,
          size: spooled.size,
        });
        begun = true;
        await checkQuota(userId);
        const stored = await store(id, spooled, incoming.mimetype);
        await repo.stored(id, stored);
        deps.metrics?.stored(stored.kind, stored.size + (stored.thumbnailSize ?? 0));
        const row = await repo.byId(id);
        if (!row) throw new Error(`attachment ${id} vanished after it was stored`);
        return presentAttachment(attachmentRef(row), now());
      } catch (err) {
        if (isAppError(err)) deps.metrics?.refused();
        if (begun) {
          const keys = objectKeys(id);
          await storage.delete([keys.original, keys.thumbnail]).catch(() => undefined);
          await repo.remove(id).catch(() => undefined);
        }
        throw err;
      } finally {
        await spooled.discard();
      }
    },

    /**
     * What a SEND of `attachmentId` carries: the sender's own stored upload to this room, of
     * the kind the message type needs, not expired, and not taken by another SEND (the same
     * SEND retried is fine: the log keeps it once).
     */
    async forSend(
      senderId: number,
      roomId: number,
      attachmentId: string,
      type: 'IMAGE' | 'FILE',
      messageKey: string,
    ): Promise<AttachmentRef> {
      const row = await repo.byId(attachmentId);
      if (!row?.stored || row.room_id !== roomId || row.uploader_id !== senderId) {
        throw Errors.attachmentNotFound(attachmentId);
      }
      if (row.expires_at && row.expires_at.getTime() <= now()) throw Errors.attachmentExpired(attachmentId);
      if (row.created_at.getTime() < now() - limits.unsentTtlMs / 2 && row.message_id === null) {
        // The clean-up may be about to remove it: upload it again.
        throw Errors.attachmentExpired(attachmentId);
      }
      if (type === 'IMAGE' && row.kind !== 'IMAGE') {
        throw Errors.invalidPayload(`attachment ${attachmentId} is not an image: send it as FILE`);
      }
      // Taken at accept time, atomically: two SENDs of one upload cannot both pass (the first
      // may still be on its way to the database).
      if (!(await repo.claim(attachmentId, `${senderId}:${messageKey}`))) {
        throw Errors.invalidPayload(
          `attachment ${attachmentId} was sent already; upload it again to send it again`,
        );
      }
      return attachmentRef(row);
    },

    /**
     * An attachment's bytes (or its thumbnail's) for a member of `roomId`: 404 when there is
     * none in that room, it expired, or nobody sent it yet and the reader did not upload it
     * (an unsent message's attachment is nobody's to read). Reads nothing yet: a 304 or a
     * HEAD never opens the bytes.
     */
    async open(
      userId: number,
      roomId: number,
      attachmentId: string,
      variant: 'original' | 'thumbnail',
    ): Promise<Download> {
      const row = await repo.byId(attachmentId);
      const readable =
        row?.stored && row.room_id === roomId && (row.message_id !== null || row.uploader_id === userId);
      if (!readable || (variant === 'thumbnail' && row.thumbnail_size === null)) {
        throw Errors.attachmentNotFound(attachmentId);
      }
      if (row.expires_at && row.expires_at.getTime() <= now()) throw Errors.attachmentExpired(attachmentId);
      const key = objectKeys(attachmentId)[variant];
      return {
        name: variant === 'original' ? row.name : `${row.name}.webp`,
        contentType: variant === 'original' ? row.content_type : 'image/webp',
        etag: `"${attachmentId}-${variant}"`,
        size: variant === 'original' ? row.size : (row.thumbnail_size ?? 0),
        read: (range) => storage.get(key, range),
      };
    },

    /** Removes uploads never sent (or unsent since) and expired ones, bytes first. Returns how many. */
    async cleanUp(batch = 100): Promise<number> {
      const found = [
        ...(await repo.unsent(new Date(now() - limits.unsentTtlMs), batch, new Date(now() - DAY_MS))),
        ...(await repo.expired(new Date(now()), batch)),
      ];
      const gone = [...new Set(found.map((a) => a.id))];
      if (gone.length === 0) return 0;
      await storage.delete(gone.flatMap((id) => Object.values(objectKeys(id))));
      await repo.forget(gone);
      deps.metrics?.removed(gone.length);
      return gone.length;
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
