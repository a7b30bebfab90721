// The wire types the client speaks, from @chat/contracts (shared with the server, never
// re-typed by hand). Type-only imports: nothing of the schema libraries reaches the bundle.

import type {
  AuthResponse,
  ChatMessage,
  ErrorBody,
  HistoryPage,
  MyProfile,
  PublicProfile,
  ReadReceipt,
  RoomDetail,
  RoomEvent,
  RoomSummary,
  StompErrorPayload,
} from '@chat/contracts';
import type { Static } from '@sinclair/typebox';

export type {
  AuthResponse,
  MyProfile,
  PublicProfile,
  ReadReceipt,
  RoomDetail,
  RoomEvent,
  RoomSummary,
  StompErrorPayload,
};
export type ErrorBodyT = Static<typeof ErrorBody>;
export type Message = ChatMessage;
export type HistoryPageT = HistoryPage;

/**
 * Content limit in code points (CONTRACT.md "Limits"; `CONTENT_MAX` of @chat/contracts, kept
 * as a literal here so that importing a value does not pull the schemas into the bundle).
 */
export const CONTENT_MAX = 5000;
