// Debian's Chromium, which the browser tests and the benchmark drive, because
// Playwright's own browser downloads are not available here.

/** Returns the Chromium binary: the TUTOR_CHROMIUM environment variable, else Debian's /usr/bin/chromium. */
export function chromiumExecutablePath(): string {
  return process.env.TUTOR_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Flags for headless Chromium run as root, which needs --no-sandbox, on a machine without
 * a GPU. The rest keep it from opening its own connections (updates, sync, QUIC) and first-run pages.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
