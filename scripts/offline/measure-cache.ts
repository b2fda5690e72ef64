// Lists what a production build keeps in the browser for offline use, with each
// file's size raw, gzip-compressed and Brotli-compressed, and prints a Markdown table.
// The precache list comes from the same workbox-build options that write sw.js. The
// model files come from the model manifest, because the grader worker stores them on
// first use.
//
// Run after a build: npx vite build && npx tsx scripts/offline/measure-cache.ts [build folder] [--json]

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { getManifest } from 'workbox-build';

import { SERVICE_WORKER_FILE_NAME } from '../../src/offline/service-worker-file';
import { precacheOptions } from './precache-options';

/** gzip level 6 is zlib's default, which many servers use when they compress on the fly (nginx defaults to 1). */
const GZIP_LEVEL = 6;
/** Brotli quality 11 is the usual setting for files compressed once, at deploy time. */
const BROTLI_QUALITY = 11;

type CacheKind = 'service worker script' | 'precached' | 'stored on first use';

interface MeasuredFile {
  path: string;
  kind: CacheKind;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

async function measure(folder: string, path: string, kind: CacheKind): Promise<MeasuredFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(folder, path));
  } catch (error) {
    throw new Error(`Cannot read ${join(folder, path)}; build the app first (npx vite build). ${String(error)}`);
  }
  return {
    path,
    kind,
    rawBytes: bytes.byteLength,
    gzipBytes: gzipSync(bytes, { level: GZIP_LEVEL }).byteLength,
    brotliBytes: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
    }).byteLength,
  };
}

/** Returns the paths of the model files the grader loads and stores, from the default model's manifest. */
async function storedModelPaths(folder: string): Promise<string[]> {
  const index = JSON.parse(await readFile(join(folder, 'models', 'index.json'), 'utf8')) as { default: string };
  const manifestPath = join(folder, 'models', index.default, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    modelFile: string;
    tokenizerFile: string;
    tokenizerConfigFile: string;
  };
  return [manifest.tokenizerFile, manifest.tokenizerConfigFile, manifest.modelFile].map(
    (name) => `models/${index.default}/${name}`,
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(3);
}

function markdownTable(files: readonly MeasuredFile[]): string {
  const lines = [
    '| file | kept as | raw MB | gzip MB | brotli MB |',
    '| --- | --- | ---: | ---: | ---: |',
    ...files.map(
      (file) =>
        `| ${file.path} | ${file.kind} | ${megabytes(file.rawBytes)} | ${megabytes(file.gzipBytes)} | ${megabytes(file.brotliBytes)} |`,
    ),
  ];
  const kinds: CacheKind[] = ['precached', 'stored on first use'];
  for (const kind of kinds) {
    const ofKind = files.filter((file) => file.kind === kind);
    lines.push(totalRow(`total ${kind} (${ofKind.length} files)`, ofKind));
  }
  lines.push(totalRow(`total (${files.length} files)`, files));
  return lines.join('\n');
}

function totalRow(label: string, files: readonly MeasuredFile[]): string {
  const sum = (select: (file: MeasuredFile) => number): number => files.reduce((total, file) => total + select(file), 0);
  return `| **${label}** | | **${megabytes(sum((file) => file.rawBytes))}** | **${megabytes(sum((file) => file.gzipBytes))}** | **${megabytes(sum((file) => file.brotliBytes))}** |`;
}

async function main(): Promise<void> {
  const folder = resolve(process.argv.slice(2).find((argument) => !argument.startsWith('--')) ?? 'dist');
  const precache = await getManifest(precacheOptions(folder));
  if (precache.warnings.length > 0) {
    throw new Error(`workbox-build reported problems with ${folder}:\n${precache.warnings.join('\n')}`);
  }

  const files: MeasuredFile[] = [await measure(folder, SERVICE_WORKER_FILE_NAME, 'service worker script')];
  const precachedPaths = precache.manifestEntries.map((entry) => entry.url).sort();
  for (const path of precachedPaths) {
    files.push(await measure(folder, path, 'precached'));
  }
  for (const path of await storedModelPaths(folder)) {
    files.push(await measure(folder, path, 'stored on first use'));
  }

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(files, null, 2));
    return;
  }
  console.log(`Offline files of ${folder} (MB = 10^6 bytes; gzip level ${GZIP_LEVEL}, Brotli quality ${BROTLI_QUALITY}):\n`);
  console.log(markdownTable(files));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
