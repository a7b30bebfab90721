import type { RoomEvent, RoomSummary } from '../../../lib/wire.ts';
import { applyRoomEvent, sortRooms } from './chat-list.ts';

/**
 * The room list's loads (on start, on every reconnect, when the page shows again) may overlap,
 * and room events keep arriving while they run. Each load's answer gets the events heard since
 * it started; an answer older than one already shown is dropped, so a slow early load cannot
 * put back a list that lacks a room a newer load (or event) brought.
 */
export function createListLoads() {
  let started = 0;
  let shown = 0;
  const running = new Map<number, RoomEvent[]>();
  return {
    /** A load starts: its ticket. */
    start(): number {
      running.set(++started, []);
      return started;
    },
    /** A room event arrived: every running load applies it over its answer. */
    heard(e: RoomEvent): void {
      for (const events of running.values()) events.push(e);
    },
    /** The load's answer: the list to show, or null when a newer load's list is already shown. */
    finish(ticket: number, loaded: readonly RoomSummary[]): RoomSummary[] | null {
      const events = running.get(ticket) ?? [];
      running.delete(ticket);
      if (ticket < shown) return null;
      shown = ticket;
      return events.reduce(applyRoomEvent, sortRooms(loaded));
    },
    /** The load failed: whether to show it (not when a newer load started: its answer counts). */
    failed(ticket: number): boolean {
      running.delete(ticket);
      return ticket === started;
    },
  };
}
