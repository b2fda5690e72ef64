// Launches Debian's Chromium through playwright-core with a fresh profile per launch,
// so a first visit really starts from an empty HTTP cache and empty storage.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium binary: env TUTOR_CHROMIUM, or Debian's. */
export function chromiumExecutablePath(): string {
  return process.env.TUTOR_CHROMIUM ?? DEFAULT_CHROMIUM_PATH;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
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
    args: CHROMIUM_ARGS,
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
