/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { serviceWorkerPlugin } from './scripts/offline/service-worker-plugin.ts';
import { schemaValidatorsPlugin } from './scripts/validators/schema-validators-plugin.ts';

export default defineConfig({
  // Relative asset URLs let the same build be served from any sub-path.
  base: './',
  // The service worker plugin writes sw.js after the app is built (vite build only). The
  // schema validators plugin serves the JSON Schema validators compiled ahead of time.
  plugins: [svelte(), schemaValidatorsPlugin(), serviceWorkerPlugin()],
  worker: {
    // Module workers, so the grader worker can use `import` like the rest of the app.
    format: 'es',
  },
  build: {
    target: 'es2022',
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
  server: {
    host: '127.0.0.1',
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The JSON report feeds the pass and fail totals that .ci/run prints.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-reports/vitest.json' },
  },
});
