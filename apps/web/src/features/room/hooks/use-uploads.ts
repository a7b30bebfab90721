import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Services } from '../../../app/services.ts';
import { uploadFile } from '../../../lib/upload.ts';
import type { MessageAttachment } from '../../../lib/wire.ts';
import { uuid } from '../../../utils/uuid.ts';
import { failed, progressed, removed, started, type Upload } from '../state/uploads.ts';

/**
 * Uploads picked, pasted or dropped files to the room one request each, reporting progress;
 * each one the server took goes to `onUploaded` (which sends it as a message). Cancel aborts
 * a running upload; a failed one stays with its reason until dismissed.
 */
export function useUploads(services: Services, roomId: number, onUploaded: (a: MessageAttachment) => void) {
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const aborts = useRef(new Map<string, AbortController>());
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  // Leaving the room cancels what is still on its way up.
  useEffect(() => {
    const running = aborts.current;
    return () => {
      for (const c of running.values()) c.abort();
      running.clear();
      setUploads([]);
    };
  }, [roomId]);

  const add = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        const key = uuid();
        const abort = new AbortController();
        aborts.current.set(key, abort);
        setUploads((list) => started(list, key, file));
        uploadFile<MessageAttachment>(services.api, `/api/rooms/${roomId}/attachments`, file, {
          signal: abort.signal,
          onProgress: (sent) => setUploads((list) => progressed(list, key, sent)),
        })
          .then((attachment) => {
            setUploads((list) => removed(list, key));
            uploaded.current(attachment);
          })
          .catch((e: Error) => {
            if (e.name !== 'AbortError') setUploads((list) => failed(list, key, e.message));
          })
          .finally(() => aborts.current.delete(key));
      }
    },
    [services, roomId],
  );

  /** Cancels a running upload, or dismisses a failed one. */
  const cancel = useCallback((key: string) => {
    aborts.current.get(key)?.abort();
    setUploads((list) => removed(list, key));
  }, []);

  return { uploads, add, cancel };
}
