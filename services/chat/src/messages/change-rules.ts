import type { ChangeKind, MessageType } from '@chat/contracts';
import { type AppError, Errors } from '@chat/platform';

/** How long after sending a message may be edited, and unsent for everyone (config). */
export interface ChangeWindows {
  readonly editMs: number;
  readonly unsendMs: number;
}

/** What the rules look at of the message a change targets. */
export interface ChangeTarget {
  sender_id: number;
  type: MessageType;
  created_at: Date;
  deleted_at: Date | null;
}

/**
 * Why `actorId` may not make this change at `at` (epoch ms), or undefined when it may. The same
 * rules run when a change is accepted (the caller hears why) and when it is applied, against
 * the time it was accepted (a replay decides the same way; a change that lost a race with an
 * unsend is dropped).
 */
export function refusal(
  kind: ChangeKind,
  target: ChangeTarget | undefined,
  actorId: number,
  at: number,
  windows: ChangeWindows,
  ids: { roomId: number; messageId: number },
): AppError | undefined {
  if (!target) return Errors.messageNotFound(ids.roomId, ids.messageId);
  if (kind === 'REACTED') {
    // Any member reacts to any message still there (membership is checked at accept time).
    if (target.deleted_at !== null) return Errors.messageUnsent();
    if (target.type === 'SYSTEM') return Errors.badRequest('System messages take no reactions');
    return undefined;
  }
  if (target.sender_id !== actorId) return Errors.notYourMessage();
  if (target.deleted_at !== null) return Errors.messageUnsent();
  if (kind === 'EDITED' && target.type === 'EMOTICON') {
    return Errors.badRequest('Emoticon messages cannot be edited: unsend it and send another');
  }
  if (kind === 'EDITED' && target.type !== 'TEXT')
    return Errors.badRequest('Only text messages can be edited');
  const windowMs = kind === 'EDITED' ? windows.editMs : windows.unsendMs;
  if (at - target.created_at.getTime() > windowMs) {
    return Errors.changeWindowClosed(kind === 'EDITED' ? 'edited' : 'unsent', windowMs);
  }
  return undefined;
}
