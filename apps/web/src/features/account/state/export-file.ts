// My data export as one file: the users service's part (profile) and the chat service's part
// (rooms, my messages), each fetched from the service that owns it, joined here.
import type { ChatExport, ProfileExport } from '../../../lib/wire.ts';

export const EXPORT_FORMAT = 'chat-platform-export/1';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  account: ProfileExport;
  chat: ChatExport;
}

export function composeExport(account: ProfileExport, chat: ChatExport, now = new Date()): ExportFile {
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), account, chat };
}

/** `chat-export-2026-01-02.json` (local date). */
export function exportFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `chat-export-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
