// Vite plugin that builds the service worker after the app: it bundles
// src/offline/service-worker.ts into `sw.js` in the output folder, then lets
// workbox-build's injectManifest write the list of precached files into it. It also
// fails the build when index.html has inline code, which the documented content
// security policy would block.

import { join, resolve } from 'node:path';

import { build, type Plugin, type ResolvedConfig } from 'vite';
import { injectManifest } from 'workbox-build';

import { SERVICE_WORKER_FILE_NAME } from '../../src/offline/service-worker-file.ts';
import { checkNoInlineScript } from './inline-script-check.ts';
import { precacheOptions } from './precache-options.ts';

const SERVICE_WORKER_SOURCE = 'src/offline/service-worker.ts';

async function bundleServiceWorker(config: ResolvedConfig, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: config.root,
    mode: config.mode,
    logLevel: 'warn',
    publicDir: false,
    // Workbox prints debug logs unless NODE_ENV is 'production', and library builds keep process.env.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      // A classic script, because older Firefox releases do not run module service workers.
      lib: {
        entry: resolve(config.root, SERVICE_WORKER_SOURCE),
        formats: ['iife'],
        name: 'knowItAllTutorServiceWorker',
        fileName: () => SERVICE_WORKER_FILE_NAME,
      },
    },
  });
}

/** Returns the plugin; add it to `plugins` in vite.config.ts. It runs in `vite build` only. */
export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'know-it-all-tutor:service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle: {
      // After every other plugin has written its files, so the precache lists all of them.
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = resolve(config.root, config.build.outDir);
        await checkNoInlineScript(join(outDir, 'index.html'));
        await bundleServiceWorker(config, outDir);

        const serviceWorkerPath = join(outDir, SERVICE_WORKER_FILE_NAME);
        const result = await injectManifest({
          ...precacheOptions(outDir),
          swSrc: serviceWorkerPath,
          swDest: serviceWorkerPath,
        });
        if (result.warnings.length > 0) {
          // A file over the size limit, which would be missing offline, or a pattern that matched no file.
          throw new Error(`workbox-build could not precache every file:\n${result.warnings.join('\n')}`);
        }
        config.logger.info(
          `${SERVICE_WORKER_FILE_NAME}: precaches ${result.count} files, ${(result.size / 1_000_000).toFixed(2)} MB`,
        );
      },
    },
  };
}
