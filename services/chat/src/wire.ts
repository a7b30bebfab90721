// Chat's REST wire schemas, public as `@chat/chat/wire` so the web client types its payloads
// from them (type-only). They move to @chat/contracts with the other wire types.
export { HistoryPage, MessageSchema } from './messages/message.schema.ts';
export { RoomDetailSchema, RoomSummarySchema } from './rooms/room.schema.ts';
