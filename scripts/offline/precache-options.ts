// The selection of built files that the service worker precaches. The Vite plugin that
// writes sw.js and the cache measuring script share these options, so the measured
// list is the list the service worker uses.

import type { GetManifestOptions } from 'workbox-build';

/**
 * The onnxruntime-web WebAssembly file is about 14 MB; anything larger than this limit
 * is not precached, and the build fails (see service-worker-plugin.ts) so that a
 * forgotten large file does not silently break offline use.
 */
export const MAXIMUM_PRECACHED_FILE_BYTES = 24 * 1024 * 1024;

/** Names Vite gives to built files under assets/: name, '-', an 8-character content hash. */
const HASHED_ASSET = /^assets\/.+-[\w-]{8}\.\w+$/;

/** Returns the workbox-build options that list the precached files of the build in `outDir`. */
export function precacheOptions(outDir: string): GetManifestOptions {
  return {
    globDirectory: outDir,
    globPatterns: [
      // The app shell, the grader worker, the WebAssembly runtime, the icons and the web app manifest.
      '**/*.{html,js,css,wasm,webmanifest,png,svg}',
      // The models index and each model's manifest (checksums and calibration), but not the
      // model and tokenizer files: the grader worker stores those after checking their sha256.
      'models/index.json',
      'models/*/manifest.json',
    ],
    globIgnores: ['sw.js', '**/*.map'],
    // Hashed names change with their content, so these need no revision and may be
    // served from the HTTP cache. Other files get an MD5 revision and bypass it.
    dontCacheBustURLsMatching: HASHED_ASSET,
    maximumFileSizeToCacheInBytes: MAXIMUM_PRECACHED_FILE_BYTES,
  };
}
