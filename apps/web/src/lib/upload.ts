// One file up to the server as multipart/form-data, with progress and cancel: XMLHttpRequest,
// since fetch reports no upload progress in browsers. A 401 refreshes the token once.
import { type Api, ApiError, errorFromBody } from './http.ts';

export interface UploadOptions {
  /** Bytes sent so far of `total`. */
  onProgress(sent: number, total: number): void;
  /** Aborting cancels the upload; the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

export function uploadFile<T>(api: Api, path: string, file: File, opts: UploadOptions): Promise<T> {
  const attempt = (retried: boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      const token = api.token();
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => opts.onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
      xhr.onload = () => {
        if (xhr.status === 401 && token && !retried) {
          api
            .refresh()
            .then(
              (fresh) =>
                fresh
                  ? attempt(true).then(resolve, reject)
                  : reject(errorFromBody(401, xhr.responseText, '')),
              reject,
            );
          return;
        }
        if (xhr.status < 200 || xhr.status >= 300) {
          reject(errorFromBody(xhr.status, xhr.responseText, xhr.statusText));
          return;
        }
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'ERROR', 'the server answered something that is not JSON'));
        }
      };
      xhr.onerror = () => reject(new ApiError(0, 'ERROR', 'network error'));
      xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
      if (opts.signal?.aborted) {
        reject(new DOMException('upload cancelled', 'AbortError'));
        return;
      }
      opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  return attempt(false);
}
