import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChecksumMismatchError, GraderError, SizeMismatchError } from '../../../src/grading/errors';
import type { ModelManifest } from '../../../src/grading/manifest';
import { parseModelManifest } from '../../../src/grading/manifest-parsing';
import {
  HttpModelSource,
  loadModelBundle,
  resolveModelFolderUrl,
  sha256Hex,
  verifyModelFile,
  verifyModelFolder,
} from '../../../src/grading/model-files';
import { FileModelSource } from '../../../src/grading/node/file-model-source';
import { MODELS_FOLDER } from '../../../src/grading/node/load-grader';
import type { LoadProgress } from '../../../src/grading/types';
import { DEFAULT_MODEL_FOLDER, DEFAULT_MODEL_ID, MODEL_LOAD_TIMEOUT_MS, readModelJson } from './model-folder';

const committedManifest = readModelJson('manifest.json') as ModelManifest;

async function copyModelFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tutor-model-'));
  for (const name of ['manifest.json', ...Object.keys(committedManifest.files)]) {
    await copyFile(join(DEFAULT_MODEL_FOLDER, name), join(folder, name));
  }
  return folder;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('committed model bundle', { timeout: MODEL_LOAD_TIMEOUT_MS }, () => {
  it('lists the model and tokenizer files', () => {
    expect(Object.keys(committedManifest.files)).toEqual(
      expect.arrayContaining([committedManifest.modelFile, committedManifest.tokenizerFile, committedManifest.tokenizerConfigFile]),
    );
  });

  it('matches every checksum in its manifest', async () => {
    const manifest = await verifyModelFolder(new FileModelSource(DEFAULT_MODEL_FOLDER));
    expect(manifest.id).toBe(DEFAULT_MODEL_ID);
  });
});

describe('checksum verification', { timeout: MODEL_LOAD_TIMEOUT_MS }, () => {
  let folder: string;

  beforeAll(async () => {
    folder = await copyModelFolder();
  }, MODEL_LOAD_TIMEOUT_MS);

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('rejects a tampered tokenizer config, naming the file', async () => {
    const name = committedManifest.tokenizerConfigFile;
    const original = await readFile(join(folder, name));
    // Same size, different content: only the sha256 can catch it.
    const tampered = Buffer.from(original);
    tampered[tampered.length - 2] = tampered[tampered.length - 2] === 0x20 ? 0x0a : 0x20;
    await writeFile(join(folder, name), tampered);
    const error = await caught(verifyModelFolder(new FileModelSource(folder)));
    await writeFile(join(folder, name), original);

    expect(error).toBeInstanceOf(ChecksumMismatchError);
    const mismatch = error as ChecksumMismatchError;
    expect(mismatch.code).toBe('checksum-mismatch');
    expect(mismatch.file).toBe(name);
    expect(mismatch.expected).toBe(committedManifest.files[name]?.sha256);
    expect(mismatch.actual).toBe(await sha256Hex(tampered));
    expect(mismatch.message).toContain(name);
    expect(mismatch.message).toContain(mismatch.expected);
    expect(mismatch.message).toContain(mismatch.actual);
  });

  it('rejects a truncated model file before hashing it', async () => {
    const name = committedManifest.modelFile;
    const original = await readFile(join(folder, name));
    await writeFile(join(folder, name), original.subarray(0, 1000));
    const error = await caught(loadModelBundle(new FileModelSource(folder)));
    await writeFile(join(folder, name), original);

    expect(error).toBeInstanceOf(SizeMismatchError);
    expect((error as SizeMismatchError).code).toBe('size-mismatch');
    expect((error as SizeMismatchError).file).toBe(name);
    expect((error as SizeMismatchError).actual).toBe(1000);
  });

  it('accepts bytes that match the entry', async () => {
    const bytes = new TextEncoder().encode('abc');
    const entry = { sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3 };
    await expect(verifyModelFile('abc.txt', bytes, entry)).resolves.toBeUndefined();
  });
});

describe('manifest parsing', () => {
  const cases: [string, (manifest: Record<string, unknown>) => void, RegExp][] = [
    ['missing calibration', (m) => delete m.calibration, /field "calibration" is missing/],
    ['bad sha256', (m) => ((m.files as Record<string, { sha256: string }>)[m.modelFile as string]!.sha256 = 'ABC'), /sha256" must be 64 lowercase hex digits/],
    ['model file without checksum', (m) => (m.modelFile = 'other.onnx'), /field "modelFile" names "other.onnx", which has no checksum/],
    ['threshold out of range', (m) => ((m.calibration as { threshold: number }).threshold = 1.5), /calibration.threshold" must be between 0 and 1, got 1.5/],
    ['file outside the folder', (m) => ((m.files as Record<string, unknown>)['../secret'] = { sha256: 'a'.repeat(64), bytes: 1 }), /names a file outside the model folder/],
    ['unknown format', (m) => (m.format = 'other'), /field "format" must be/],
  ];

  it.each(cases)('rejects %s', (_, mutate, message) => {
    const manifest = structuredClone(committedManifest) as unknown as Record<string, unknown>;
    mutate(manifest);
    expect(() => parseModelManifest(manifest, 'test manifest.json')).toThrow(message);
    try {
      parseModelManifest(manifest, 'test manifest.json');
    } catch (error) {
      expect((error as GraderError).code).toBe('invalid-manifest');
      expect((error as GraderError).message).toContain('test manifest.json');
    }
  });

  it('keeps the committed manifest intact', () => {
    expect(parseModelManifest(structuredClone(committedManifest), 'manifest.json')).toEqual(
      expect.objectContaining({ id: committedManifest.id, calibration: committedManifest.calibration }),
    );
  });
});

describe('loading over HTTP', { timeout: MODEL_LOAD_TIMEOUT_MS }, () => {
  let server: Server;
  let baseUrl: string;
  let tamperedFolder: string;

  beforeAll(async () => {
    tamperedFolder = await copyModelFolder();
    const tokenizerPath = join(tamperedFolder, committedManifest.tokenizerFile);
    const tokenizer = await readFile(tokenizerPath);
    tokenizer[10] = tokenizer[10] === 0x20 ? 0x0a : 0x20;
    await writeFile(tokenizerPath, tokenizer);
    await mkdir(join(tamperedFolder, 'models'), { recursive: true });

    // Serves /models/... from public/models and /tampered/... from the tampered copy.
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const [, root, ...rest] = path.split('/');
      const folder = root === 'models' ? MODELS_FOLDER : root === 'tampered' ? tamperedFolder : null;
      if (!folder || rest.some((part) => part === '..')) {
        response.writeHead(404).end();
        return;
      }
      readFile(join(folder, ...rest)).then(
        (body) => response.writeHead(200, { 'content-length': body.byteLength }).end(body),
        () => response.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, MODEL_LOAD_TIMEOUT_MS);

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(tamperedFolder, { recursive: true, force: true });
  });

  it('resolves the default model from index.json', async () => {
    expect(await resolveModelFolderUrl(`${baseUrl}/models/`)).toBe(`${baseUrl}/models/${DEFAULT_MODEL_ID}/`);
  });

  it('rejects a model id that leaves the folder', async () => {
    await expect(resolveModelFolderUrl(`${baseUrl}/models/`, '../x')).rejects.toThrow(/must be a folder name/);
  });

  it('reports progress in bytes up to each file size', async () => {
    const progress: LoadProgress[] = [];
    const bundle = await loadModelBundle(new HttpModelSource(`${baseUrl}/models/${DEFAULT_MODEL_ID}/`), (p) => progress.push(p));
    expect(bundle.modelBytes.byteLength).toBe(committedManifest.files[committedManifest.modelFile]?.bytes);

    for (const name of [committedManifest.modelFile, committedManifest.tokenizerFile, committedManifest.tokenizerConfigFile]) {
      const events = progress.filter((p) => p.file === name);
      const total = committedManifest.files[name]?.bytes;
      expect(events.length).toBeGreaterThan(1);
      expect(events[0]?.loadedBytes).toBe(0);
      expect(events.at(-1)?.loadedBytes).toBe(total);
      expect(events.every((p) => p.totalBytes === total)).toBe(true);
      const loaded = events.map((p) => p.loadedBytes);
      expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    }
  });

  it('rejects a tampered file with its name', async () => {
    const error = await caught(loadModelBundle(new HttpModelSource(`${baseUrl}/tampered/`)));
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).file).toBe(committedManifest.tokenizerFile);
  });

  it('reports a missing folder as fetch-failed', async () => {
    const error = await caught(loadModelBundle(new HttpModelSource(`${baseUrl}/models/no-such-model/`)));
    expect((error as GraderError).code).toBe('fetch-failed');
    expect((error as GraderError).message).toMatch(/no-such-model\/manifest\.json: HTTP 404/);
  });
});
