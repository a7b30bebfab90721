// A room's messages as plain data: ordered by seq, deduplicated by id, with the gaps that a
// reconnect or a missed frame leaves, and the pending sends (optimistic, keyed by messageKey).
// Framework-free: components only render it.
import type { Message, MessageEmoticon } from '../../../lib/wire.ts';

export type PendingStatus = 'pending' | 'failed';

/** What a reply shows of the message it answers. */
export type Quote = NonNullable<Message['replyTo']>;

export interface PendingMessage {
  readonly messageKey: string;
  readonly roomId: number;
  readonly content: string;
  /** The message it answers, if it is a reply. */
  readonly replyTo?: Quote | undefined;
  /** A photo or file uploaded already: the message sends it (`content` is its name). */
  readonly attachment?: { readonly id: string; readonly kind: 'IMAGE' | 'FILE' } | undefined;
  /** An emoticon of a pack I hold: the message sends it (`content` is its alt). */
  readonly emoticon?: MessageEmoticon | undefined;
  /** When the user pressed send (epoch ms). */
  readonly createdAt: number;
  readonly status: PendingStatus;
}

export interface Timeline {
  /** Confirmed messages, ascending seq, no two with the same id or seq. */
  readonly messages: readonly Message[];
  /** Sent but not yet seen back from the server, in send order. */
  readonly pending: readonly PendingMessage[];
  /** More history above the oldest loaded message. */
  readonly hasMore: boolean;
  /** The room's change counter this timeline has every change up to (changes catch-up starts here). */
  readonly changeSeq: number;
  /** Changes of messages not loaded (yet): applied when the message arrives, if newer. */
  readonly early: ReadonlyMap<number, Message>;
}

export const emptyTimeline: Timeline = {
  messages: [],
  pending: [],
  hasMore: true,
  changeSeq: 0,
  early: new Map(),
};

const versionOf = (m: Message) => m.version ?? 0;

/** The newer of two states of one message (by version; the incoming one on a tie); hidden stays hidden. */
function newer(have: Message | undefined, incoming: Message): Message {
  const kept = have && versionOf(have) > versionOf(incoming) ? have : incoming;
  return have?.hidden && !kept.hidden ? hiddenCopy(kept) : kept;
}

/** A message as I see it once I deleted it for me. */
function hiddenCopy(m: Message): Message {
  return { ...m, content: '', hidden: true, replyTo: null, reactions: [] };
}

/** "Delete for me" done: the message stays (its seq keeps the timeline contiguous), not shown. */
export function hideMessage(t: Timeline, id: number): Timeline {
  if (!t.messages.some((m) => m.id === id)) return t;
  return { ...t, messages: t.messages.map((m) => (m.id === id ? hiddenCopy(m) : m)) };
}

/** What the list shows: the messages I did not delete for me. */
export function visibleMessages(t: Timeline): readonly Message[] {
  return t.messages.some((m) => m.hidden) ? t.messages.filter((m) => !m.hidden) : t.messages;
}

/** Merges messages from any source (history page, live frame, gap fill) into the timeline. */
export function addMessages(t: Timeline, incoming: readonly Message[]): Timeline {
  if (incoming.length === 0) return t;
  const byId = new Map<number, Message>();
  for (const m of t.messages) byId.set(m.id, m);
  // A page or frame may be older than a change already seen: the higher version stays.
  for (const m of incoming) byId.set(m.id, newer(t.early.get(m.id), newer(byId.get(m.id), m)));
  const bySeq = new Map<number, Message>();
  for (const m of byId.values()) bySeq.set(m.seq, m);
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const keys = new Set(incoming.map((m) => m.messageKey));
  const pending = t.pending.filter((p) => !keys.has(p.messageKey));
  let early = t.early;
  if (incoming.some((m) => early.has(m.id))) {
    const rest = new Map(early);
    for (const m of incoming) rest.delete(m.id);
    early = rest;
  }
  return { ...t, messages, pending, early };
}

/**
 * Changes (edits, unsends) from the changes topic or the changes catch-up: each replaces its
 * message when newer (a replay or a late event never undoes a newer state); `changeSeq` moves
 * to the highest seen. A change of a message not loaded waits in `early`.
 */
export function applyChanges(
  t: Timeline,
  changes: readonly { changeSeq: number; message: Message }[],
): Timeline {
  if (changes.length === 0) return t;
  const index = new Map(t.messages.map((m, i) => [m.id, i]));
  const messages = [...t.messages];
  const early = new Map(t.early);
  let changeSeq = t.changeSeq;
  for (const c of changes) {
    changeSeq = Math.max(changeSeq, c.changeSeq);
    const i = index.get(c.message.id);
    if (i === undefined) early.set(c.message.id, newer(early.get(c.message.id), c.message));
    else messages[i] = newer(messages[i], c.message);
  }
  // Replies quote their message as it is now: its latest loaded state.
  const latest = new Map(
    changes.map((c) => [c.message.id, messages[index.get(c.message.id) ?? -1] ?? c.message]),
  );
  for (const [i, m] of messages.entries()) {
    const quoted = m.replyTo ? latest.get(m.replyTo.id) : undefined;
    if (!quoted || !m.replyTo) continue;
    messages[i] = {
      ...m,
      replyTo: { ...m.replyTo, content: quoted.content, deletedAt: quoted.deletedAt ?? null },
    };
  }
  return { ...t, messages, early, changeSeq };
}

/** The quote of `m` a reply to it carries. */
export function quoteOf(m: Message): Quote {
  return {
    id: m.id,
    seq: m.seq,
    senderId: m.senderId,
    senderNickname: m.senderNickname,
    content: m.content,
    type: m.type,
    deletedAt: m.deletedAt ?? null,
  };
}

/**
 * Whether a live change leaves a hole before it (changes were missed): catch up from
 * `t.changeSeq` first. Call before applying it.
 */
export function missedChangesBefore(t: Timeline, changeSeq: number): boolean {
  return changeSeq > t.changeSeq + 1;
}

/** A page told the room's change counter: changes up to it are in the page's messages. */
export function sawChangeSeq(t: Timeline, changeSeq: number | undefined): Timeline {
  return changeSeq === undefined || changeSeq <= t.changeSeq ? t : { ...t, changeSeq };
}

/** An older history page (newest first on the wire) arrived. */
export function addOlder(t: Timeline, page: readonly Message[], hasMore: boolean): Timeline {
  return { ...addMessages(t, page), hasMore };
}

export function lastSeq(t: Timeline): number {
  return t.messages.at(-1)?.seq ?? 0;
}

/** The cursor for the next older page (`id < cursor`), or undefined for the newest page. */
export function olderCursor(t: Timeline): number | undefined {
  return t.messages[0]?.id;
}

/**
 * The seq after which messages are missing (to fetch with `afterSeq`), or null when the loaded
 * messages are contiguous. A live frame that jumps ahead leaves such a gap.
 */
export function gapAfterSeq(t: Timeline): number | null {
  for (let i = 1; i < t.messages.length; i++) {
    const prev = t.messages[i - 1]!;
    if (t.messages[i]!.seq !== prev.seq + 1) return prev.seq;
  }
  return null;
}

/**
 * Where catch-up after a reconnect starts (`afterSeq`): a gap, else the newest message; 0 in a
 * room whose history loaded empty (a message may have come while offline); null while the first
 * page is still loading (it brings the newest messages itself).
 */
export function catchUpAfter(t: Timeline): number | null {
  if (t.messages.length > 0) return gapAfterSeq(t) ?? lastSeq(t);
  return t.hasMore ? null : 0;
}

/**
 * The `/app/chat.send` body of a pending message: text (with the message it answers), an
 * uploaded attachment (IMAGE or FILE), or an emoticon (the server takes its alt as content).
 */
export function sendBody(roomId: number, p: PendingMessage) {
  if (p.emoticon) {
    return {
      roomId,
      type: 'EMOTICON' as const,
      emoticon: { itemId: p.emoticon.itemId, index: p.emoticon.index },
      messageKey: p.messageKey,
      ...(p.replyTo ? { replyToId: p.replyTo.id } : {}),
    };
  }
  return {
    roomId,
    content: p.content,
    messageKey: p.messageKey,
    ...(p.replyTo ? { replyToId: p.replyTo.id } : {}),
    ...(p.attachment ? { type: p.attachment.kind, attachmentId: p.attachment.id } : {}),
  };
}

export function addPending(t: Timeline, p: Omit<PendingMessage, 'status'>): Timeline {
  if (t.messages.some((m) => m.messageKey === p.messageKey)) return t;
  const rest = t.pending.filter((x) => x.messageKey !== p.messageKey);
  return { ...t, pending: [...rest, { ...p, status: 'pending' }] };
}

export function setPendingStatus(t: Timeline, messageKey: string, status: PendingStatus): Timeline {
  if (!t.pending.some((p) => p.messageKey === messageKey)) return t;
  return { ...t, pending: t.pending.map((p) => (p.messageKey === messageKey ? { ...p, status } : p)) };
}

export function dropPending(t: Timeline, messageKey: string): Timeline {
  return { ...t, pending: t.pending.filter((p) => p.messageKey !== messageKey) };
}
