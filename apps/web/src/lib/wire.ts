// The wire types the client speaks, taken from the server's schemas (never re-typed by hand).
// Type-only imports: nothing of the schema libraries reaches the bundle.
// The chat schemas still live in services/chat (`@chat/chat/wire`); when they move to
// packages/contracts only the import path below changes.

import type { HistoryPage, MessageSchema, RoomDetailSchema, RoomSummarySchema } from '@chat/chat/wire';
import type {
  AuthResponse,
  ErrorBody,
  HttpErrorCode,
  MyProfile,
  PublicProfile,
  StompErrorCode,
} from '@chat/contracts';
import type { Static } from '@sinclair/typebox';

export type { AuthResponse, HttpErrorCode, MyProfile, PublicProfile, StompErrorCode };
export type ErrorBodyT = Static<typeof ErrorBody>;
export type Message = Static<typeof MessageSchema>;
export type HistoryPageT = Static<typeof HistoryPage>;
export type RoomDetail = Static<typeof RoomDetailSchema>;
export type RoomSummary = Static<typeof RoomSummarySchema>;

/**
 * `/user/queue/rooms` payload: a room entered my room list (with its list item) or left it.
 * Mirrors services/chat/src/realtime/room-events.ts, whose list item is typed from the schema.
 */
export type RoomEvent =
  | { type: 'ROOM_ADDED'; roomId: number; room: RoomSummary }
  | { type: 'ROOM_REMOVED'; roomId: number };

/** `/topic/room.{id}.receipts` payload. */
export interface ReadReceipt {
  roomId: number;
  userId: number;
  lastReadMessageId: number;
}

/** `/user/queue/errors` payload; the codes are the error table's (docs/api/errors.md). */
export interface StompErrorPayload {
  code: StompErrorCode;
  message: string;
  receiptId?: string;
  messageKey?: string;
}

/** Content limit in code points (CONTRACT.md "Limits"). */
export const CONTENT_MAX = 5000;
