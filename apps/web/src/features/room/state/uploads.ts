// Files on their way up: each with its progress, until the server has it (then it is sent as
// a message and leaves this list) or it failed (shown with the reason until dismissed).
// Framework-free: the hook does the requests, components only render it.

export type UploadStatus = 'uploading' | 'failed';

export interface Upload {
  /** Local key (one per file picked). */
  readonly key: string;
  readonly name: string;
  readonly size: number;
  /** Bytes sent so far. */
  readonly sent: number;
  readonly status: UploadStatus;
  /** Why it failed (the server's message). */
  readonly error?: string;
}

export const started = (
  list: readonly Upload[],
  key: string,
  file: { name: string; size: number },
): Upload[] => [...list, { key, name: file.name, size: file.size, sent: 0, status: 'uploading' }];

export const progressed = (list: readonly Upload[], key: string, sent: number): Upload[] =>
  list.map((u) => (u.key === key && u.status === 'uploading' ? { ...u, sent: Math.min(sent, u.size) } : u));

export const failed = (list: readonly Upload[], key: string, error: string): Upload[] =>
  list.map((u) => (u.key === key ? { ...u, status: 'failed', error } : u));

export const removed = (list: readonly Upload[], key: string): Upload[] => list.filter((u) => u.key !== key);

/** 0..100, whole percent, for a progress bar (an empty file is done at once). */
export const percent = (u: Upload): number => (u.size === 0 ? 100 : Math.floor((u.sent * 100) / u.size));

/** Image types the server keeps as photos (with a thumbnail); anything else goes as a file. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** Whether a picked file is likely a photo (the server decides; this only picks an icon early). */
export const looksLikePhoto = (type: string): boolean => PHOTO_TYPES.has(type);

/** Bytes as people read them: 900 B, 12 KB, 3.4 MB (1024-based, one decimal under 10). */
export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/** Files of a paste or a drop (a pasted screenshot is one; pasted text is none). */
export const filesOf = (data: DataTransfer | null): File[] => (data ? [...data.files] : []);
