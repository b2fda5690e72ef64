// The service worker, built to `sw.js` next to index.html by scripts/offline/service-worker-plugin.ts.
// It precaches the app shell, the onnxruntime-web WebAssembly file and the model
// manifests, and serves them cache-first, so the app starts with no network. Each
// entry carries a revision (the content hash in a hashed file name, or an MD5 that
// workbox-build computes), so an update downloads only the files that changed.
// The model files themselves are not precached: the grader worker keeps them in
// Cache Storage after verifying their sha256 (see model-cache.ts), and this worker
// deletes other versions' copies when it activates.

import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';

import { parseModelIndex, parseModelManifest } from '../grading/manifest-parsing';
import { pruneModelCache } from './model-cache';

/** The parts of ServiceWorkerGlobalScope this file uses; the project compiles against the DOM library. */
interface ServiceWorkerScope {
  /** Replaced at build time by workbox-build's injectManifest with the list of files to precache. */
  __WB_MANIFEST: Array<PrecacheEntry | string>;
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'activate', listener: (event: ExtendableEvent) => void): void;
}

/** The part of ExtendableEvent this file uses. */
interface ExtendableEvent {
  waitUntil(promise: Promise<unknown>): void;
}

// injectManifest looks for the literal text `self.__WB_MANIFEST`, so `self` is cast in place.
const manifest = (self as unknown as ServiceWorkerScope).__WB_MANIFEST;
const scope = self as unknown as ServiceWorkerScope;

// Deletes precaches left by Workbox versions older than 6, whose cache format differs.
cleanupOutdatedCaches();
precacheAndRoute(manifest);

// On the first install, take control of the open page at once, so that its later
// requests already go through the precache. An update does not activate by itself
// while a page uses the current version: it waits until the learner accepts "Reload
// to update", and the page reloads as soon as the new version takes control.
clientsClaim();

// workbox-window's messageSkipWaiting() sends this message.
const SKIP_WAITING_MESSAGE_TYPE = 'SKIP_WAITING';

scope.addEventListener('message', (event) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SKIP_WAITING_MESSAGE_TYPE) {
    void scope.skipWaiting();
  }
});

/** Returns the parsed JSON of a precached file, such as 'models/index.json'. */
async function precachedJson(path: string): Promise<unknown> {
  const response = await matchPrecache(path);
  if (response === undefined) {
    throw new Error(`${path} is not in the precache.`);
  }
  return response.json();
}

/**
 * Deletes stored model files that the default model of this version does not use, so
 * that earlier model versions do not fill the browser's storage. Runs on activation,
 * the moment the version changes; a failure only leaves old files behind.
 */
async function pruneOtherModelVersions(): Promise<void> {
  const modelsUrl = new URL('models/', scope.registration.scope).href;
  try {
    const index = parseModelIndex(await precachedJson('models/index.json'), 'models/index.json');
    const manifestPath = `models/${index.default}/manifest.json`;
    const manifest = parseModelManifest(await precachedJson(manifestPath), manifestPath);
    const folderUrl = new URL(`${index.default}/`, modelsUrl).href;
    const keep = [manifest.modelFile, manifest.tokenizerFile, manifest.tokenizerConfigFile].map((name) => ({
      url: new URL(name, folderUrl).href,
      sha256: manifest.files[name]?.sha256 ?? '',
    }));
    const deleted = await pruneModelCache(modelsUrl, keep);
    if (deleted.length > 0) {
      console.info(`[service worker] Deleted ${deleted.length} stored model files of other versions: ${deleted.join(', ')}`);
    }
  } catch (error) {
    console.warn('[service worker] Could not delete stored model files of other versions:', error);
  }
}

// NOTE: a tab still running the previous version may store its model files again after
// this runs; they stay until the next activation deletes them.
scope.addEventListener('activate', (event) => {
  event.waitUntil(pruneOtherModelVersions());
});
