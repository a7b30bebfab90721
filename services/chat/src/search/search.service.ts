import type { ChatMessage, MessageSearchHit, MessageSearchPage } from '@chat/contracts';
import { presentMessage } from '../messages/message.presenter.ts';
import type { MessageRepository, MessageRow } from '../messages/message.repository.ts';
import type { HitRow, SearchRepository } from './search.repository.ts';
import { searchText } from './search-text.ts';
import { snippetOf } from './snippet.ts';

export interface MessageSearchDeps {
  repo: SearchRepository;
  messages: Pick<MessageRepository, 'byIds'>;
  /** 404 for an unknown room, 403 for a room the user is not in. */
  requireMember(roomId: number, userId: number): Promise<void>;
}

interface Found {
  hit: HitRow;
  row: MessageRow;
}

function presentHit({ hit, row }: Found, text: string): MessageSearchHit {
  const { text: snippet, highlights } = snippetOf(row.content, text);
  return {
    message: presentMessage(row),
    room: {
      id: hit.room_id,
      name: hit.room_name,
      type: hit.room_type,
      peer: hit.peer_id === null ? null : { userId: hit.peer_id, nickname: hit.peer_nickname ?? '(unknown)' },
    },
    snippet,
    highlights,
  };
}

/**
 * Message search (CONTRACT.md "Rooms"): in all of my rooms, or in one. SYSTEM messages, unsent
 * ones and those I deleted for me are never found. Pages are newest first by message id; a
 * cursor is the oldest hit's id, so messages arriving meanwhile never shift later pages.
 */
export function createMessageSearch(deps: MessageSearchDeps) {
  const { repo, messages } = deps;

  /** One page of hits (size + 1 asked: the extra one says whether more follow). */
  async function find(
    userId: number,
    roomIds: readonly number[],
    text: string,
    cursor: number | undefined,
    size: number,
  ) {
    const hits = await repo.hits({ roomIds, text, userId, before: cursor, limit: size + 1 });
    const page = hits.slice(0, size);
    const rows = new Map((await messages.byIds(page.map((h) => h.id))).map((r) => [r.id, r]));
    // Unsent between the two reads: left out (its text is gone).
    const found = page.flatMap((hit) => {
      const row = rows.get(hit.id);
      return row && row.deleted_at === null ? [{ hit, row }] : [];
    });
    const hasMore = hits.length > size;
    return { found, hasMore, nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null };
  }

  return {
    /** `GET /api/rooms/messages/search`: hits with their room, snippet and highlights. */
    async inMyRooms(
      userId: number,
      q: string,
      cursor: number | undefined,
      size: number,
    ): Promise<MessageSearchPage> {
      const text = searchText(q);
      const rooms = await repo.roomsOf(userId);
      const { found, hasMore, nextCursor } = await find(userId, rooms, text, cursor, size);
      return { results: found.map((f) => presentHit(f, text)), hasMore, nextCursor };
    },

    /** `GET /api/rooms/{roomId}/messages/search`: the matching messages, as the contract has them. */
    async inRoom(
      userId: number,
      roomId: number,
      q: string,
      cursor: number | undefined,
      size: number,
    ): Promise<ChatMessage[]> {
      const text = searchText(q);
      await deps.requireMember(roomId, userId);
      const { found } = await find(userId, [roomId], text, cursor, size);
      return found.map((f) => presentMessage(f.row));
    },
  };
}

export type MessageSearch = ReturnType<typeof createMessageSearch>;
