// A SYSTEM message in the reader's language, from its event (the server's `content` is Korean
// only). Framework-free.
import type { MessageKey } from '../../../i18n/messages.ts';
import type { Message } from '../../../lib/wire.ts';

type SystemEvent = NonNullable<Message['system']>;

const KEYS: Record<SystemEvent['event'], MessageKey> = {
  MEMBERS_INVITED: 'sysInvited',
  MEMBER_LEFT: 'sysLeft',
  MEMBER_REMOVED: 'sysRemoved',
  ROOM_RENAMED: 'sysRenamed',
  OWNER_CHANGED: 'sysOwner',
  ROOM_CLOSED: 'sysClosed',
  GIFT_SENT: 'sysGift',
};

/** The sentence of a SYSTEM message; its stored text when it has no event (an older server). */
export function systemText(m: Message, t: (key: MessageKey) => string): string {
  const e = m.system;
  if (!e) return m.content;
  return t(KEYS[e.event])
    .replace('{actor}', e.actor.nickname)
    .replace('{users}', e.users.map((u) => u.nickname).join(', '))
    .replace('{name}', e.name ?? '')
    .replace('{item}', e.gift?.itemTitle ?? '');
}

/** A gift's message (GIFT_SENT), shown under the sentence; null for any other message. */
export function giftMessage(m: Message): string | null {
  return m.system?.event === 'GIFT_SENT' ? (m.system.gift?.message ?? null) : null;
}
