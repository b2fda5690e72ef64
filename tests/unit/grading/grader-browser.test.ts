// The real grader worker in Chromium: a Vite production build of a small page that uses
// GraderClient, served from a sub-path on 127.0.0.1 with the committed model files.

import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ModelManifest } from '../../../src/grading/manifest';
import { MODELS_FOLDER } from '../../../src/grading/node/load-grader';
import type { GradeResult, LoadProgress, ModelInfo } from '../../../src/grading/types';
import { DEFAULT_MODEL_FOLDER, DEFAULT_MODEL_ID, MODEL_LOAD_TIMEOUT_MS, readModelJson } from './model-folder';

const CHROMIUM = process.env.TUTOR_CHROMIUM ?? '/usr/bin/chromium';
const APP_PATH = '/some/sub/path/';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

const manifest = readModelJson('manifest.json') as ModelManifest;

let workFolder: string;
let server: Server;
let browser: Browser;
let page: Page;
let appUrl: string;

/** Maps a request path under APP_PATH to a file: the build, the real models, or a tampered model. */
function fileFor(path: string): string | null {
  if (!path.startsWith(APP_PATH)) {
    return null;
  }
  const relative = path.slice(APP_PATH.length) || 'index.html';
  if (relative.split('/').includes('..')) {
    return null;
  }
  if (relative.startsWith('models/')) {
    return join(MODELS_FOLDER, relative.slice('models/'.length));
  }
  if (relative.startsWith('tampered-models/')) {
    return join(workFolder, relative);
  }
  return join(workFolder, 'dist', relative);
}

beforeAll(async () => {
  workFolder = await mkdtemp(join(tmpdir(), 'tutor-browser-'));
  await build({
    configFile: false,
    root: join(import.meta.dirname, 'browser-harness'),
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: join(workFolder, 'dist'), target: 'es2022', emptyOutDir: true },
  });

  // A copy of the default model whose tokenizer.json differs by one byte.
  const tampered = join(workFolder, 'tampered-models', DEFAULT_MODEL_ID);
  await mkdir(tampered, { recursive: true });
  await writeFile(join(workFolder, 'tampered-models', 'index.json'), JSON.stringify({ default: DEFAULT_MODEL_ID }));
  for (const name of ['manifest.json', ...Object.keys(manifest.files)]) {
    await copyFile(join(DEFAULT_MODEL_FOLDER, name), join(tampered, name));
  }
  const tokenizer = await readFile(join(tampered, manifest.tokenizerFile));
  tokenizer[20] = tokenizer[20] === 0x20 ? 0x0a : 0x20;
  await writeFile(join(tampered, manifest.tokenizerFile), tokenizer);

  server = createServer((request, response) => {
    const file = fileFor(decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname));
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.byteLength })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${APP_PATH}`;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage();
  await page.goto(appUrl);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
}, MODEL_LOAD_TIMEOUT_MS);

afterAll(async () => {
  await page?.evaluate(() => window.sharedClient.dispose());
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await rm(workFolder, { recursive: true, force: true });
});

describe('grader worker in Chromium', { timeout: MODEL_LOAD_TIMEOUT_MS }, () => {
  it('loads the model, reporting bytes, and grades', async () => {
    const outcome = await page.evaluate(async () => {
      const client = window.sharedClient;
      const progress: LoadProgress[] = [];
      const info = await client.load((p) => progress.push(p));
      const single = await client.grade({ answer: 'rapid', references: ['democracy', 'fast'] });
      const batch = await client.gradeBatch([
        { answer: 'rapid', references: ['democracy', 'fast'] },
        { answer: 'blue', references: ['democracy'] },
      ]);
      return { info, progress, single, batch };
    }) as { info: ModelInfo; progress: LoadProgress[]; single: GradeResult; batch: GradeResult[] };

    expect(outcome.info).toEqual({
      id: manifest.id,
      version: manifest.version,
      threshold: manifest.calibration.threshold,
      maxSequenceLength: manifest.maxSequenceLength,
    });
    const modelEvents = outcome.progress.filter((p) => p.file === manifest.modelFile);
    expect(modelEvents.at(-1)?.loadedBytes).toBe(manifest.files[manifest.modelFile]?.bytes);
    expect(outcome.single.referenceScores).toHaveLength(2);
    expect(outcome.single.threshold).toBe(manifest.calibration.threshold);
    expect(outcome.batch).toHaveLength(2);
    expect(outcome.batch[0]?.score).toBeCloseTo(outcome.single.score, 4);
  });

  it('scores like the Node grader', async () => {
    const { loadGraderFromFolder } = await import('../../../src/grading/node/load-grader');
    const nodeGrader = await loadGraderFromFolder();
    const request = { answer: 'a contract between services', references: ['an agreed-upon interface'] };
    const inNode = await nodeGrader.grade(request);
    await nodeGrader.dispose();
    const inBrowser = await page.evaluate((gradeRequest) => window.sharedClient.grade(gradeRequest), request);
    expect(Math.abs(inBrowser.logit - inNode.logit)).toBeLessThan(1e-4);
  });

  it('rejects a tampered model file, naming it', async () => {
    const error = await page.evaluate(async () => {
      const client = new window.GraderClient({ modelBaseUrl: 'tampered-models/' });
      try {
        await client.load();
        return null;
      } catch (caught) {
        return { code: (caught as InstanceType<typeof window.GraderError>).code, message: (caught as Error).message };
      } finally {
        client.dispose();
      }
    });
    expect(error?.code).toBe('checksum-mismatch');
    expect(error?.message).toContain(manifest.tokenizerFile);
  });

  it('rejects a missing model folder', async () => {
    const error = await page.evaluate(async () => {
      const client = new window.GraderClient({ modelBaseUrl: 'models/', modelId: 'no-such-model' });
      try {
        await client.load();
        return null;
      } catch (caught) {
        return { code: (caught as InstanceType<typeof window.GraderError>).code, message: (caught as Error).message };
      } finally {
        client.dispose();
      }
    });
    expect(error?.code).toBe('fetch-failed');
    expect(error?.message).toMatch(/no-such-model\/manifest\.json: HTTP 404/);
  });

  it('rejects a worker script that does not exist', async () => {
    const error = await page.evaluate(async () => {
      const client = new window.GraderClient({
        createWorker: () => new Worker(new URL('no-such-worker.js', document.baseURI), { type: 'module' }),
      });
      try {
        await client.load();
        return null;
      } catch (caught) {
        return { code: (caught as InstanceType<typeof window.GraderError>).code, message: (caught as Error).message };
      }
    });
    expect(error?.code).toBe('worker-crashed');
    expect(error?.message).toMatch(/failed to load/);
  });
});
