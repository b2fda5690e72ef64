// The build-time parts of offline support: which built files the service worker
// precaches, and the check that index.html has no inline code.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { getManifest } from 'workbox-build';
import { afterEach, describe, expect, it } from 'vitest';

import { checkNoInlineScript } from '../../../scripts/offline/inline-script-check';
import { MAXIMUM_PRECACHED_FILE_BYTES, precacheOptions } from '../../../scripts/offline/precache-options';

const folders: string[] = [];

/** Writes `files` (path to content) into a new temporary folder and returns the folder. */
async function buildFolder(files: Record<string, string | Buffer>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tutor-offline-build-'));
  folders.push(folder);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), content);
  }
  return folder;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('precache selection', () => {
  const build = {
    'index.html': '<!doctype html><script type="module" src="./assets/index-AbCd1234.js"></script>',
    'sw.js': 'self.__WB_MANIFEST',
    'manifest.webmanifest': '{}',
    'assets/index-AbCd1234.js': 'console.log(1)',
    'assets/index-AbCd1234.js.map': '{}',
    'assets/index-Xy_z-987.css': 'body{}',
    'assets/grader.worker-Qw3rTy12.js': 'console.log(2)',
    'assets/ort-wasm-simd-threaded-DcHrbrbl.wasm': Buffer.from([0, 97, 115, 109]),
    'icons/icon-192.png': Buffer.from([137, 80, 78, 71]),
    'icons/icon.svg': '<svg/>',
    'models/index.json': '{"default":"m1"}',
    'models/m1/manifest.json': '{}',
    'models/m1/model.onnx': 'weights',
    'models/m1/tokenizer.json': '{}',
    'models/m1/tokenizer_config.json': '{}',
    'models/m1/README.md': '# card',
  };

  it('lists the shell, runtime and manifests only', async () => {
    const folder = await buildFolder(build);
    const { manifestEntries, warnings } = await getManifest(precacheOptions(folder));

    expect(warnings).toEqual([]);
    expect(manifestEntries.map((entry) => entry.url).sort()).toEqual([
      'assets/grader.worker-Qw3rTy12.js',
      'assets/index-AbCd1234.js',
      'assets/index-Xy_z-987.css',
      'assets/ort-wasm-simd-threaded-DcHrbrbl.wasm',
      'icons/icon-192.png',
      'icons/icon.svg',
      'index.html',
      'manifest.webmanifest',
      'models/index.json',
      'models/m1/manifest.json',
    ]);
  });

  it('gives revisions to unhashed names only', async () => {
    const folder = await buildFolder(build);
    const { manifestEntries } = await getManifest(precacheOptions(folder));
    const revisions = new Map(manifestEntries.map((entry) => [entry.url, entry.revision]));

    expect(revisions.get('assets/index-AbCd1234.js')).toBeNull();
    expect(revisions.get('assets/ort-wasm-simd-threaded-DcHrbrbl.wasm')).toBeNull();
    expect(revisions.get('index.html')).toMatch(/^[0-9a-f]{32}$/);
    expect(revisions.get('models/m1/manifest.json')).toMatch(/^[0-9a-f]{32}$/);
    expect(revisions.get('icons/icon.svg')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('warns about a file over the size limit', async () => {
    const folder = await buildFolder({
      'index.html': '<!doctype html>',
      'models/index.json': '{"default":"m1"}',
      'models/m1/manifest.json': '{}',
      'assets/huge-AbCd1234.wasm': Buffer.alloc(MAXIMUM_PRECACHED_FILE_BYTES + 1),
    });
    const { manifestEntries, warnings } = await getManifest(precacheOptions(folder));

    expect(manifestEntries.map((entry) => entry.url).sort()).toEqual(['index.html', 'models/index.json', 'models/m1/manifest.json']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('assets/huge-AbCd1234.wasm');
  });

  it('warns when the model manifests are missing', async () => {
    const folder = await buildFolder({ 'index.html': '<!doctype html>' });
    const { warnings } = await getManifest(precacheOptions(folder));

    expect(warnings.some((warning) => warning.includes('models/index.json'))).toBe(true);
    expect(warnings.some((warning) => warning.includes('models/*/manifest.json'))).toBe(true);
  });
});

describe('checkNoInlineScript', () => {
  const accepted = {
    'module script from a file': '<script type="module" crossorigin src="./assets/index-AbCd1234.js"></script>',
    'stylesheet and icons': '<link rel="stylesheet" href="./assets/index.css"><link rel="icon" href="./icons/icon.svg">',
    'the word script in text': '<p>Write a script of your answer.</p>',
  };
  const rejected = {
    'inline script': '<script>window.start()</script>',
    'inline module script': '<script type="module">import "./a.js"</script>',
    'event handler attribute': '<body onload="start()"></body>',
  };

  for (const [name, html] of Object.entries(accepted)) {
    it(`accepts ${name}`, async () => {
      const folder = await buildFolder({ 'index.html': `<!doctype html><html><head>${html}</head></html>` });
      await expect(checkNoInlineScript(join(folder, 'index.html'))).resolves.toBeUndefined();
    });
  }

  for (const [name, html] of Object.entries(rejected)) {
    it(`rejects ${name}`, async () => {
      const folder = await buildFolder({ 'index.html': `<!doctype html><html>${html}</html>` });
      const path = join(folder, 'index.html');
      await expect(checkNoInlineScript(path)).rejects.toThrow(`${path} contains inline code`);
    });
  }
});
