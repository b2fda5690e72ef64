// loadModelBundle with a store of verified files: stored copies that match the
// manifest are used, mismatching ones are deleted and read again, and only verified
// bytes are stored. The files are the committed model's; the store keeps them in
// memory, where the browser uses Cache Storage (covered by tests/e2e/offline-integrity.spec.ts).

import { describe, expect, it } from 'vitest';

import { GraderError } from '../../../src/grading/errors';
import type { ModelManifest } from '../../../src/grading/manifest';
import type { ModelFileEntry } from '../../../src/grading/manifest';
import { loadModelBundle, type ModelFileSource, type VerifiedFileStore } from '../../../src/grading/model-files';
import { FileModelSource } from '../../../src/grading/node/file-model-source';
import { DEFAULT_MODEL_FOLDER, readModelJson } from '../grading/model-folder';

const manifest = readModelJson('manifest.json') as ModelManifest;
const loadedFiles = [manifest.tokenizerFile, manifest.tokenizerConfigFile, manifest.modelFile];

/** Reads the committed model folder and counts the reads of each file. */
class CountingSource implements ModelFileSource {
  readonly reads = new Map<string, number>();
  readonly #files = new FileModelSource(DEFAULT_MODEL_FOLDER);
  readonly location = this.#files.location;
  /** Files whose reads fail, as a download does offline. */
  readonly unreachable = new Set<string>();

  async readFile(name: string, onBytes?: (loadedBytes: number) => void): Promise<Uint8Array> {
    this.reads.set(name, (this.reads.get(name) ?? 0) + 1);
    if (this.unreachable.has(name)) {
      throw new GraderError('fetch-failed', `Could not download ${name}: offline.`);
    }
    return this.#files.readFile(name, onBytes);
  }
}

/** Keeps files by URL, and records the manifest entry that each call names. */
class MemoryStore implements VerifiedFileStore {
  readonly files = new Map<string, Uint8Array>();
  readonly entries: { url: string; entry: ModelFileEntry }[] = [];
  failReads = false;
  failWrites = false;

  async read(url: string, entry: ModelFileEntry): Promise<Uint8Array | null> {
    this.entries.push({ url, entry });
    if (this.failReads) {
      throw new Error('storage is unavailable');
    }
    return this.files.get(url) ?? null;
  }

  async write(url: string, entry: ModelFileEntry, bytes: Uint8Array): Promise<void> {
    this.entries.push({ url, entry });
    if (this.failWrites) {
      throw new Error('QuotaExceededError');
    }
    this.files.set(url, bytes.slice());
  }

  async discard(url: string, entry: ModelFileEntry): Promise<void> {
    this.entries.push({ url, entry });
    this.files.delete(url);
  }
}


/** Compares bytes with Buffer.equals, because toEqual walks a 23 MB array element by element. */
function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  return actual !== undefined && Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected);
}

function corrupt(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const middle = Math.floor(copy.length / 2);
  copy[middle] = (copy[middle] ?? 0) ^ 0xff;
  return copy;
}

async function filledStore(source: CountingSource): Promise<MemoryStore> {
  const store = new MemoryStore();
  await loadModelBundle(source, undefined, store);
  source.reads.clear();
  return store;
}

describe('loadModelBundle with a store', () => {
  it('stores each verified file on the first load', async () => {
    const source = new CountingSource();
    const store = new MemoryStore();
    const bundle = await loadModelBundle(source, undefined, store);

    expect([...store.files.keys()].sort()).toEqual(loadedFiles.map((name) => `${source.location}${name}`).sort());
    expect(sameBytes(store.files.get(`${source.location}${manifest.modelFile}`), bundle.modelBytes)).toBe(true);
    for (const name of loadedFiles) {
      expect(source.reads.get(name), name).toBe(1);
    }
    expect(store.entries.length).toBeGreaterThan(0);
    for (const { url, entry } of store.entries) {
      expect(entry, url).toEqual(manifest.files[url.slice(source.location.length)]);
    }
  });

  it('uses stored copies instead of reading', async () => {
    const source = new CountingSource();
    const store = await filledStore(source);
    const progress: number[] = [];
    const bundle = await loadModelBundle(source, (event) => progress.push(event.loadedBytes / event.totalBytes), store);

    for (const name of loadedFiles) {
      expect(source.reads.get(name), name).toBeUndefined();
    }
    expect(bundle.modelBytes.byteLength).toBe(manifest.files[manifest.modelFile]?.bytes);
    expect(progress).toEqual([1, 1, 1]);
  });

  it('replaces a corrupted stored model', async () => {
    const source = new CountingSource();
    const store = await filledStore(source);
    const modelUrl = `${source.location}${manifest.modelFile}`;
    const good = store.files.get(modelUrl) as Uint8Array;
    store.files.set(modelUrl, corrupt(good));

    const bundle = await loadModelBundle(source, undefined, store);

    expect(source.reads.get(manifest.modelFile)).toBe(1);
    expect(source.reads.get(manifest.tokenizerFile)).toBeUndefined();
    expect(sameBytes(store.files.get(modelUrl), good)).toBe(true);
    expect(sameBytes(bundle.modelBytes, good)).toBe(true);
  });

  it('replaces a truncated stored file', async () => {
    const source = new CountingSource();
    const store = await filledStore(source);
    const tokenizerUrl = `${source.location}${manifest.tokenizerFile}`;
    const good = store.files.get(tokenizerUrl) as Uint8Array;
    store.files.set(tokenizerUrl, good.slice(0, 1000));

    await loadModelBundle(source, undefined, store);

    expect(source.reads.get(manifest.tokenizerFile)).toBe(1);
    expect(sameBytes(store.files.get(tokenizerUrl), good)).toBe(true);
  });

  it('names the deleted copy when reading again fails', async () => {
    const source = new CountingSource();
    const store = await filledStore(source);
    const modelUrl = `${source.location}${manifest.modelFile}`;
    store.files.set(modelUrl, corrupt(store.files.get(modelUrl) as Uint8Array));
    source.unreachable.add(manifest.modelFile);

    const error = await loadModelBundle(source, undefined, store).then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(GraderError);
    expect((error as GraderError).code).toBe('fetch-failed');
    expect((error as GraderError).message).toContain(`model file "${manifest.modelFile}" did not match the manifest and was deleted`);
    expect((error as GraderError).message).toContain('offline');
    expect(store.files.has(modelUrl)).toBe(false);
  });

  it('keeps the plain error when nothing was stored', async () => {
    const source = new CountingSource();
    source.unreachable.add(manifest.modelFile);

    const error = await loadModelBundle(source, undefined, new MemoryStore()).then(
      () => null,
      (caught: unknown) => caught,
    );

    expect((error as GraderError).message).toBe(`Could not download ${manifest.modelFile}: offline.`);
  });

  it('loads when the store cannot write', async () => {
    const source = new CountingSource();
    const store = new MemoryStore();
    store.failWrites = true;

    const bundle = await loadModelBundle(source, undefined, store);

    expect(bundle.modelBytes.byteLength).toBe(manifest.files[manifest.modelFile]?.bytes);
    expect(store.files.size).toBe(0);
  });

  it('reads the files when the store cannot read', async () => {
    const source = new CountingSource();
    const store = await filledStore(source);
    store.failReads = true;

    await loadModelBundle(source, undefined, store);

    for (const name of loadedFiles) {
      expect(source.reads.get(name), name).toBe(1);
    }
  });
});
