// Model files kept for offline use in the Cache Storage API. The grader worker writes
// each file here after checking its sha256 against the model manifest, and reads it
// back on later visits. The page reads the same cache to tell whether the app is ready
// offline, and the service worker deletes other versions' files when a new version
// activates. The model is not in the service worker's precache, so the first visit
// downloads it once, with progress, instead of twice.

import type { ModelFileEntry } from '../grading/manifest';
import type { VerifiedFileStore } from '../grading/model-files';

/**
 * Cache Storage is per origin, not per service worker scope, so two copies of the app
 * on one origin share this cache. Entries are keyed by absolute URL, so they do not
 * collide, and pruning is limited to one app's model folder.
 */
export const MODEL_CACHE_NAME = 'know-it-all-tutor-model-files-v1';

/** A model file as the cache identifies it: its URL and its sha256 from the model manifest. */
export interface StoredFileId {
  url: string;
  sha256: string;
}

/**
 * Returns the cache key of a file: its URL with the expected sha256 as a query. A tab
 * still running an older version then keeps its own copy instead of deleting the new
 * version's file as corrupt. The key is never requested from the network.
 */
export function storedFileKey({ url, sha256 }: StoredFileId): string {
  const key = new URL(url);
  key.searchParams.set('sha256', sha256);
  return key.href;
}

/** Returns true when this context (page or worker) can use the Cache Storage API. */
export function hasCacheStorage(): boolean {
  return typeof caches !== 'undefined';
}

export class CacheStorageModelStore implements VerifiedFileStore {
  #cache: Promise<Cache> | null = null;

  async read(url: string, entry: ModelFileEntry): Promise<Uint8Array | null> {
    const response = await (await this.#open()).match(storedFileKey({ url, sha256: entry.sha256 }));
    if (response === undefined) {
      return null;
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  async write(url: string, entry: ModelFileEntry, bytes: Uint8Array): Promise<void> {
    // Response takes only ArrayBuffer-backed views, so copy a view of a SharedArrayBuffer.
    const body = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
    const response = new Response(body, {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength) },
    });
    await (await this.#open()).put(storedFileKey({ url, sha256: entry.sha256 }), response);
  }

  async discard(url: string, entry: ModelFileEntry): Promise<void> {
    await (await this.#open()).delete(storedFileKey({ url, sha256: entry.sha256 }));
  }

  #open(): Promise<Cache> {
    // A failed open (for example a SecurityError in some private windows) is retried on the next call.
    this.#cache ??= caches.open(MODEL_CACHE_NAME).catch((error: unknown) => {
      this.#cache = null;
      throw error;
    });
    return this.#cache;
  }
}

/** Returns the URLs of those files that have no entry in the model cache. */
export async function findUnstoredFiles(files: readonly StoredFileId[]): Promise<string[]> {
  if (!hasCacheStorage()) {
    return files.map((file) => file.url);
  }
  const cache = await caches.open(MODEL_CACHE_NAME);
  const unstored: string[] = [];
  for (const file of files) {
    if ((await cache.match(storedFileKey(file))) === undefined) {
      unstored.push(file.url);
    }
  }
  return unstored;
}

/**
 * Deletes the cached files under `folderUrl` other than `keep`, such as the files of
 * an earlier model version. Returns the deleted keys.
 */
export async function pruneModelCache(folderUrl: string, keep: readonly StoredFileId[]): Promise<string[]> {
  const cache = await caches.open(MODEL_CACHE_NAME);
  const keepKeys = new Set(keep.map(storedFileKey));
  const deleted: string[] = [];
  for (const request of await cache.keys()) {
    if (request.url.startsWith(folderUrl) && !keepKeys.has(request.url)) {
      await cache.delete(request);
      deleted.push(request.url);
    }
  }
  return deleted;
}
