// Launches Debian's Chromium through playwright-core with a fresh profile per launch,
// so a first visit really starts from an empty HTTP cache and empty storage.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

import { CHROMIUM_ARGS, chromiumExecutablePath } from '../shared/chromium';

const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Lets performance.measureUserAgentSpecificMemory() answer at once instead of at the next garbage collection.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDir: string;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tutor-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutablePath(),
    headless: true,
    args: BENCH_CHROMIUM_ARGS,
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
