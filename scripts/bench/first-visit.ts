// The files a learner's browser downloads on a first visit to the production app: what
// the page and its service worker request, plus the model files that the grader worker
// fetches before the first grade (the app may start the model only when a quiz opens).

import { launchChromium } from './chromium';
import type { ModelFolder } from './model-folder';
import type { StaticServer } from './static-server';

export interface FirstVisitFiles {
  /** URL paths requested with status 200 while the app loaded and its service worker installed. */
  requestedPaths: string[];
  /** Model file paths the grader needs that the first page load did not request. */
  graderPaths: string[];
  /** Whether a service worker took control of the page or became ready within the wait. */
  serviceWorkerReady: boolean;
}

const SERVICE_WORKER_WAIT_MS = 60_000;

export async function recordFirstVisit(server: StaticServer, folder: ModelFolder): Promise<FirstVisitFiles> {
  const browser = await launchChromium();
  server.clearLog();
  let serviceWorkerReady = false;
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    serviceWorkerReady = await page.evaluate(async (waitMs) => {
      if (!('serviceWorker' in navigator)) {
        return false;
      }
      const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), waitMs));
      return Promise.race([navigator.serviceWorker.ready.then(() => true), timeout]);
    }, SERVICE_WORKER_WAIT_MS);
    await page.waitForLoadState('networkidle');
  } finally {
    await browser.close();
  }
  const requestedPaths = [...new Set(server.log.filter((entry) => entry.status === 200).map((entry) => entry.path))];
  const modelFolderPath = `/models/${folder.manifest.id}/`;
  // Only the files the grader loads: the model card is listed in the manifest but never fetched.
  const { modelFile, tokenizerFile, tokenizerConfigFile } = folder.manifest;
  const graderFiles = [modelFile, tokenizerFile, tokenizerConfigFile].map((name) => `${modelFolderPath}${name}`);
  const graderPaths = ['/models/index.json', `${modelFolderPath}manifest.json`, ...graderFiles]
    .filter((path) => !requestedPaths.includes(path));
  return { requestedPaths, graderPaths: [...new Set(graderPaths)], serviceWorkerReady };
}
