// Downloading and verifying the model bundle. Every file is checked against the
// manifest's byte size and sha256 before anything parses or runs it, so a truncated
// download or a stale cache entry fails loudly instead of grading with the wrong model.

import { ChecksumMismatchError, GraderError, SizeMismatchError } from './errors';
import type { ModelFileEntry, ModelManifest } from './manifest';
import { checkModelId, parseModelIndex, parseModelManifest } from './manifest-parsing';
import type { LoadProgress } from './types';

export const MANIFEST_FILE = 'manifest.json';
export const MODEL_INDEX_FILE = 'index.json';

/** Source of the files of one model folder: an HTTP URL in the browser, a folder on disk in Node. */
export interface ModelFileSource {
  /** URL or path of the folder, for messages. */
  readonly location: string;
  /** Reads one file of the folder, calling `onBytes` with the running total as data arrives. */
  readFile(name: string, onBytes?: (loadedBytes: number) => void): Promise<Uint8Array>;
}

/**
 * Copies of verified model files kept between visits, such as the Cache Storage API in
 * a browser. The loader writes only files that passed verification and discards a
 * stored copy that does not match the manifest. Each call names the file's URL and its
 * manifest entry, so a store can keep two model versions served at one URL apart.
 */
export interface VerifiedFileStore {
  /** Returns the stored copy, or null when there is none. */
  read(url: string, entry: ModelFileEntry): Promise<Uint8Array | null>;
  write(url: string, entry: ModelFileEntry, bytes: Uint8Array): Promise<void>;
  discard(url: string, entry: ModelFileEntry): Promise<void>;
}

/** Everything the grader needs, verified against the manifest. */
export interface ModelBundle {
  manifest: ModelManifest;
  modelBytes: Uint8Array;
  tokenizerJson: object;
  tokenizerConfig: object;
}

export class HttpModelSource implements ModelFileSource {
  readonly location: string;

  /** @param folderUrl absolute URL of the model folder */
  constructor(folderUrl: string) {
    this.location = folderUrl.endsWith('/') ? folderUrl : `${folderUrl}/`;
  }

  async readFile(name: string, onBytes?: (loadedBytes: number) => void): Promise<Uint8Array> {
    return fetchBytes(new URL(name, this.location).href, onBytes);
  }
}

/** Downloads a URL, reporting bytes as they arrive. Failures are `fetch-failed` GraderErrors. */
export async function fetchBytes(url: string, onBytes?: (loadedBytes: number) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new GraderError('fetch-failed', `Could not download ${url}: ${describe(error)}. Check the connection and reload.`, {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new GraderError('fetch-failed', `Could not download ${url}: HTTP ${response.status} ${response.statusText}.`);
  }
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onBytes?.(bytes.byteLength);
    return bytes;
  }

  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      loadedBytes += value.byteLength;
      onBytes?.(loadedBytes);
    }
  } catch (error) {
    throw new GraderError('fetch-failed', `Download of ${url} broke off after ${loadedBytes} bytes: ${describe(error)}.`, {
      cause: error,
    });
  }
  return concatenate(chunks, loadedBytes);
}

function concatenate(chunks: Uint8Array[], totalBytes: number): Uint8Array {
  const bytes = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Returns the lowercase hex sha256 of the bytes, computed with Web Crypto (browsers and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto only accepts ArrayBuffer-backed views, so copy a view of a SharedArrayBuffer.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await crypto.subtle.digest('SHA-256', view);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Throws SizeMismatchError or ChecksumMismatchError, both naming the file, unless the bytes match the entry. */
export async function verifyModelFile(name: string, bytes: Uint8Array, entry: ModelFileEntry): Promise<void> {
  if (bytes.byteLength !== entry.bytes) {
    throw new SizeMismatchError(name, entry.bytes, bytes.byteLength);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new ChecksumMismatchError(name, entry.sha256, actual);
  }
}

function parseJsonFile(bytes: Uint8Array, source: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new GraderError('invalid-manifest', `${source} is not valid UTF-8 JSON: ${describe(error)}.`, { cause: error });
  }
}

function parseJsonObject(bytes: Uint8Array, source: string): object {
  const value = parseJsonFile(bytes, source);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GraderError('invalid-manifest', `${source} must contain a JSON object.`);
  }
  return value;
}

/** Reads and validates `manifest.json` of the source's folder. */
export async function readModelManifest(source: ModelFileSource): Promise<ModelManifest> {
  const where = `${source.location}${MANIFEST_FILE}`;
  return parseModelManifest(parseJsonFile(await source.readFile(MANIFEST_FILE), where), where);
}

/**
 * Returns the absolute URL of a model folder under `modelsUrl`: the folder named
 * `modelId`, or the `default` of `index.json` when no id is given.
 */
export async function resolveModelFolderUrl(modelsUrl: string, modelId?: string): Promise<string> {
  const base = modelsUrl.endsWith('/') ? modelsUrl : `${modelsUrl}/`;
  let id: string;
  if (modelId === undefined) {
    const indexUrl = new URL(MODEL_INDEX_FILE, base).href;
    id = parseModelIndex(parseJsonFile(await fetchBytes(indexUrl), indexUrl), indexUrl).default;
  } else {
    id = checkModelId(modelId);
  }
  return new URL(`${id}/`, base).href;
}

async function readVerifiedFile(
  source: ModelFileSource,
  manifest: ModelManifest,
  name: string,
  onProgress?: (progress: LoadProgress) => void,
  store?: VerifiedFileStore,
): Promise<Uint8Array> {
  const entry = manifest.files[name];
  if (!entry) {
    throw new GraderError('invalid-manifest', `${source.location}${MANIFEST_FILE} lists no checksum for "${name}".`);
  }
  const url = `${source.location}${name}`;
  const stored: StoredCopy = store ? await readStoredCopy(store, url, name, entry, onProgress) : { kind: 'none' };
  if (stored.kind === 'valid') {
    return stored.bytes;
  }

  onProgress?.({ file: name, loadedBytes: 0, totalBytes: entry.bytes });
  let bytes: Uint8Array;
  try {
    bytes = await source.readFile(name, (loadedBytes) =>
      onProgress?.({ file: name, loadedBytes, totalBytes: entry.bytes }),
    );
  } catch (error) {
    if (stored.kind !== 'discarded' || !(error instanceof GraderError)) {
      throw error;
    }
    throw new GraderError(
      error.code,
      `The stored offline copy of model file "${name}" did not match the manifest and was deleted, and downloading it again failed: ${error.message}`,
      { cause: error },
    );
  }
  await verifyModelFile(name, bytes, entry);
  if (store) {
    try {
      await store.write(url, entry, bytes);
    } catch (error) {
      // Grading still works; only offline use is lost, which the page reports.
      console.warn(`[model files] Could not store ${url} for offline use: ${describe(error)}`);
    }
  }
  return bytes;
}

/** Outcome of looking for a stored copy: a copy that matches the manifest, none, or one that was deleted. */
type StoredCopy = { kind: 'valid'; bytes: Uint8Array } | { kind: 'none' } | { kind: 'discarded' };

/**
 * Reads and verifies the stored copy of a file. A copy that does not match the manifest
 * (corrupt, or left from another model version) is deleted.
 */
async function readStoredCopy(
  store: VerifiedFileStore,
  url: string,
  name: string,
  entry: ModelFileEntry,
  onProgress?: (progress: LoadProgress) => void,
): Promise<StoredCopy> {
  let stored: Uint8Array | null;
  try {
    stored = await store.read(url, entry);
  } catch (error) {
    console.warn(`[model files] Could not read the stored copy of ${url}, so it is downloaded: ${describe(error)}`);
    return { kind: 'none' };
  }
  if (stored === null) {
    return { kind: 'none' };
  }
  try {
    await verifyModelFile(name, stored, entry);
  } catch (error) {
    if (!(error instanceof SizeMismatchError || error instanceof ChecksumMismatchError)) {
      throw error;
    }
    console.warn(`[model files] Deleting the stored copy of ${url} and downloading it again: ${error.message}`);
    try {
      await store.discard(url, entry);
    } catch (discardError) {
      console.warn(`[model files] Could not delete the stored copy of ${url}: ${describe(discardError)}`);
    }
    return { kind: 'discarded' };
  }
  onProgress?.({ file: name, loadedBytes: entry.bytes, totalBytes: entry.bytes });
  return { kind: 'valid', bytes: stored };
}

/**
 * Reads the manifest, then the model and tokenizer files it names, verifying each one.
 * Progress is reported per file in bytes, with the manifest's size as the total. With a
 * store, a stored copy that matches the manifest is used instead of downloading.
 */
export async function loadModelBundle(
  source: ModelFileSource,
  onProgress?: (progress: LoadProgress) => void,
  store?: VerifiedFileStore,
): Promise<ModelBundle> {
  const manifest = await readModelManifest(source);
  const tokenizerJsonBytes = await readVerifiedFile(source, manifest, manifest.tokenizerFile, onProgress, store);
  const tokenizerConfigBytes = await readVerifiedFile(source, manifest, manifest.tokenizerConfigFile, onProgress, store);
  const modelBytes = await readVerifiedFile(source, manifest, manifest.modelFile, onProgress, store);
  return {
    manifest,
    modelBytes,
    tokenizerJson: parseJsonObject(tokenizerJsonBytes, `${source.location}${manifest.tokenizerFile}`),
    tokenizerConfig: parseJsonObject(tokenizerConfigBytes, `${source.location}${manifest.tokenizerConfigFile}`),
  };
}

/** Verifies every file listed in the manifest, the model card included; throws on the first mismatch. */
export async function verifyModelFolder(source: ModelFileSource): Promise<ModelManifest> {
  const manifest = await readModelManifest(source);
  for (const [name, entry] of Object.entries(manifest.files)) {
    await verifyModelFile(name, await source.readFile(name), entry);
  }
  return manifest;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
