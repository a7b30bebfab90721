import { type Static, Type } from '@sinclair/typebox';
import { Id } from '../common.ts';

// Attachments (CONTRACT.md "Attachments"): a member uploads a file to a room, then sends an
// IMAGE or FILE message that names it. What the message carries is fixed at upload; the bytes
// are read through the room's attachment routes, by members only.

/** An attachment's id: 22 URL-safe characters (128 random bits), not guessable. */
export const ATTACHMENT_ID_PATTERN = '^[A-Za-z0-9_-]{22}$';
export const AttachmentId = Type.String({ pattern: ATTACHMENT_ID_PATTERN });

/** IMAGE: a picture with a thumbnail (JPEG, PNG, WebP, GIF, AVIF); FILE: anything else. */
export const AttachmentKind = Type.Union([Type.Literal('IMAGE'), Type.Literal('FILE')]);
export type AttachmentKind = Static<typeof AttachmentKind>;

/** The longest file name kept, in code points. */
export const ATTACHMENT_NAME_MAX = 255;

/** An attachment as uploaded: what a message that sends it carries. */
export const AttachmentRef = Type.Object({
  id: AttachmentId,
  roomId: Id,
  /** The name it was uploaded with (no folders). */
  name: Type.String({ minLength: 1 }),
  /** Bytes as stored (an image's, after its metadata was removed). */
  size: Type.Integer({ minimum: 1 }),
  /** Found from the content, not taken from the upload. */
  contentType: Type.String(),
  kind: AttachmentKind,
  width: Type.Optional(Type.Integer({ minimum: 1 })),
  height: Type.Optional(Type.Integer({ minimum: 1 })),
  /** When its bytes are removed (ATTACHMENT_RETENTION_DAYS), or null: kept as long as its message. */
  expiresAt: Type.Union([Type.String(), Type.Null()]),
});
export type AttachmentRef = Static<typeof AttachmentRef>;

/**
 * The `attachment` of a message object, and the answer to an upload: the attachment with the
 * paths to read it (bearer token of a member; `Range` requests work) and whether it expired.
 */
export const MessageAttachment = Type.Composite([
  AttachmentRef,
  Type.Object({
    /** `/api/rooms/{roomId}/attachments/{id}`: the file. */
    url: Type.String(),
    /** `.../thumbnail`: a WebP of at most 400 x 400 (images), or null. */
    thumbnailUrl: Type.Union([Type.String(), Type.Null()]),
    /** true once `expiresAt` passed: its bytes are gone (the message stays). */
    expired: Type.Boolean(),
  }),
]);
export type MessageAttachment = Static<typeof MessageAttachment>;

/** `{roomId, attachmentId}` path parameters. */
export const AttachmentParams = Type.Object({ roomId: Id, attachmentId: AttachmentId });
export type AttachmentParams = Static<typeof AttachmentParams>;
