import type { OutgoingHttpHeaders } from 'node:http';
import { AttachmentParams, BearerAuth, MessageAttachment, RoomParams } from '@chat/contracts';
import { Errors, isAppError } from '@chat/platform';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { RouteAuth } from '../rooms/room.routes.ts';
import type { RoomService } from '../rooms/room.service.ts';
import type { AttachmentService, Download } from './attachment.service.ts';
import { parseRange } from './byte-range.ts';
import { contentDisposition } from './file-name.ts';
import { IMAGE_TYPES } from './image.ts';

const tags = ['attachments'];

/** A download is shown by the browser only as a picture; anything else is saved, never run. */
function downloadHeaders(reply: FastifyReply, d: Download): void {
  reply.headers({
    'content-type': d.contentType,
    'content-disposition': contentDisposition(d.name, IMAGE_TYPES.has(d.contentType)),
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=3600',
    etag: d.etag,
    // Whatever the file holds, it runs nothing here (a sandboxed, empty origin).
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
}

/** The multipart parser's own failures (wrong content type, extra parts) in the contract's words. */
function uploadError(err: unknown): unknown {
  if (isAppError(err)) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return Errors.badRequest('send the file as multipart/form-data, in a part named "file"');
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return Errors.badRequest('send one file, in a part named "file", and nothing else');
  }
  return err;
}

/**
 * REST edge of attachments: upload to a room (multipart, streamed to a temporary file, one
 * file per request, counted as a write), then read by members, whole or by `Range`.
 */
export function registerAttachmentRoutes(
  app: FastifyInstance,
  deps: {
    attachments: AttachmentService;
    rooms: RoomService;
    auth: RouteAuth;
    writeLimit: preHandlerHookHandler;
    maxBytes: number;
  },
): void {
  const { attachments, rooms, auth } = deps;
  const { authenticate, userIdOf } = auth;

  app.register(async (scope) => {
    await scope.register(multipart, {
      // The name as sent, folders included: one with a folder in it is refused, not cut.
      preservePath: true,
      limits: { fileSize: deps.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 20 },
    });
    scope.post<{ Params: RoomParams }>(
      '/api/rooms/:roomId/attachments',
      {
        preHandler: [authenticate, deps.writeLimit],
        schema: {
          tags,
          security: BearerAuth,
          summary: 'Upload a photo or file to a room (multipart/form-data, one part named "file")',
          consumes: ['multipart/form-data'],
          params: RoomParams,
          response: { 201: MessageAttachment },
        },
      },
      async (req: FastifyRequest<{ Params: RoomParams }>, reply) => {
        const userId = userIdOf(req);
        const { roomId } = req.params;
        await rooms.requireMember(roomId, userId);
        await rooms.requireOpen(roomId);
        try {
          const part = await req.file();
          if (part?.fieldname !== 'file') {
            part?.file.resume();
            throw Errors.badRequest('send the file in a part named "file"');
          }
          const attachment = await attachments.upload(userId, roomId, part);
          return reply.code(201).send(attachment);
        } catch (err) {
          throw uploadError(err);
        }
      },
    );
  });

  for (const variant of ['original', 'thumbnail'] as const) {
    app.get<{ Params: AttachmentParams }>(
      variant === 'original'
        ? '/api/rooms/:roomId/attachments/:attachmentId'
        : '/api/rooms/:roomId/attachments/:attachmentId/thumbnail',
      {
        preHandler: authenticate,
        schema: {
          tags,
          security: BearerAuth,
          summary:
            variant === 'original'
              ? 'Download an attachment (members; Range requests; Content-Disposition with its name)'
              : "An image attachment's thumbnail (WebP, at most 400 x 400)",
          params: AttachmentParams,
        },
      },
      async (req, reply) => {
        const userId = userIdOf(req);
        const { roomId, attachmentId } = req.params;
        await rooms.requireMember(roomId, userId);
        const download = await attachments.open(userId, roomId, attachmentId, variant);
        downloadHeaders(reply, download);
        // Neither a cached copy's revalidation nor a HEAD opens the bytes.
        if (req.headers['if-none-match'] === download.etag) return reply.code(304).send();
        const range = parseRange(req.headers.range, download.size);
        const length = range ? range.end - range.start + 1 : download.size;
        reply.header('content-length', String(length));
        if (range)
          reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${download.size}`);
        if (req.method === 'HEAD') {
          // Fastify would answer an empty HEAD with Content-Length: 0: the headers go out as set.
          reply.hijack();
          reply.raw.writeHead(reply.statusCode, reply.getHeaders() as OutgoingHttpHeaders);
          reply.raw.end();
          return reply;
        }
        const read = await download.read(range);
        if (!read) throw Errors.attachmentNotFound(attachmentId);
        return reply.send(read.body);
      },
    );
  }
}
