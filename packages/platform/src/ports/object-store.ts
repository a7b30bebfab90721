import type { Readable } from 'node:stream';
import type { Component } from './health.ts';

/** Bytes `start` to `end` of an object, both included (HTTP's `Range: bytes=start-end`). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** An object being read: its bytes (all, or the range asked for) and its whole size. */
export interface ObjectRead {
  readonly body: Readable;
  /** Bytes in the whole object, whatever part `body` holds. */
  readonly size: number;
  /** The bytes `body` holds. */
  readonly range: ByteRange;
}

/**
 * Object storage for attachments and assets: the filesystem (embedded, or a volume every node
 * mounts) or an S3-compatible bucket. Keys are slash-separated names the caller makes
 * (`isObjectKey`); what an object is (type, owner, original name) is the caller's to keep.
 */
export interface ObjectStore extends Component {
  readonly adapter: 'filesystem' | 's3' | 'none';
  /**
   * Stores `size` bytes under `key`, replacing what was there. A body that ends before `size`
   * bytes or runs past it fails the call and stores nothing; a reader never sees a partial
   * object.
   */
  put(key: string, body: Readable | Uint8Array, size: number): Promise<void>;
  /**
   * The object, or null when there is none. `range` must lie inside the object
   * (`0 <= start <= end < size`); a range outside it rejects with a RangeError.
   */
  get(key: string, range?: ByteRange): Promise<ObjectRead | null>;
  /** The object's size, or null when there is none. */
  head(key: string): Promise<{ size: number } | null>;
  /** Removes these objects; a missing one is not an error. */
  delete(keys: readonly string[]): Promise<void>;
}
