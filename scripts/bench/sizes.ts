// Transfer sizes: each file of a first visit raw, gzip and brotli (node:zlib), and the
// app's own JavaScript apart from onnxruntime-web's. Gzip uses level 6, the usual server
// default. Brotli uses quality 11, the usual setting for precompressed static files,
// except on files above 1 MiB (the model and the .wasm): there quality 11 takes minutes
// of CPU on a shared 2-core machine, so they get quality 5 and their brotli figure is
// an upper bound.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { build } from 'vite';

export interface FileSize {
  /** Path under the build folder, with forward slashes. */
  path: string;
  raw: number;
  gzip: number;
  brotli: number;
  brotliQuality: number;
}

export interface SizeTotals {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface JavaScriptSizes {
  /** Every .js file of the build, workers included. */
  all: SizeTotals;
  /** The chunks holding onnxruntime-web's JavaScript. */
  runtime: SizeTotals;
  /** Everything else: the app, its workers and their other libraries. */
  app: SizeTotals;
}

const LARGE_FILE_BYTES = 1024 * 1024;

export function compressedSizes(path: string, bytes: Buffer): FileSize {
  const brotliQuality = bytes.length > LARGE_FILE_BYTES ? 5 : 11;
  return {
    path,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 6 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
    brotliQuality,
  };
}

export function sumSizes(files: readonly FileSize[]): SizeTotals {
  return files.reduce((total, file) => ({ raw: total.raw + file.raw, gzip: total.gzip + file.gzip, brotli: total.brotli + file.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

/** Sizes of the given URL paths, served from `folder` at the site root. */
export function sizesOfServedPaths(folder: string, urlPaths: readonly string[]): FileSize[] {
  const unique = [...new Set(urlPaths.map((urlPath) => (urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath)))];
  return unique.map((urlPath) => {
    const relativePath = decodeURIComponent(urlPath.replace(/^\//, ''));
    return compressedSizes(relativePath, readFileSync(join(folder, relativePath)));
  });
}

const RUNTIME_CHUNK = 'onnxruntime-web';

function runtimeChunkFor(moduleId: string): string | undefined {
  return moduleId.includes('/node_modules/onnxruntime-web/') ? RUNTIME_CHUNK : undefined;
}

/**
 * Builds the app once more with onnxruntime-web's JavaScript split into chunks of its
 * own, into `outDir`, and sums the JavaScript on each side. The shipped build inlines
 * the runtime into the grader worker's chunk, so its split is only visible this way.
 */
export async function measureJavaScriptSizes(repoRoot: string, outDir: string): Promise<JavaScriptSizes> {
  await build({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      rolldownOptions: { output: { manualChunks: runtimeChunkFor } },
    },
    worker: { rolldownOptions: { output: { manualChunks: runtimeChunkFor } } },
  });
  const javaScript = listFiles(outDir)
    .filter((path) => path.endsWith('.js') || path.endsWith('.mjs'))
    .map((path) => compressedSizes(relative(outDir, path), readFileSync(path)));
  const isRuntime = (file: FileSize): boolean => file.path.split('/').pop()?.startsWith(RUNTIME_CHUNK) ?? false;
  return {
    all: sumSizes(javaScript),
    runtime: sumSizes(javaScript.filter(isRuntime)),
    app: sumSizes(javaScript.filter((file) => !isRuntime(file))),
  };
}
