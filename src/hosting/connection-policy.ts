// Tells a request that the page's content security policy blocked from one that the network
// failed. fetch raises the same TypeError for both, but for a blocked one the browser also
// fires a securitypolicyviolation event on the document, which this module records.

/** Origins that connect-src blocked. The policy is fixed for the page's life, so they stay blocked. */
const blockedOrigins = new Set<string>();
let watching = false;

/** The event may arrive after fetch fails, so a failure waits up to this long for it. */
const EVENT_WAIT_MS = 100;
const EVENT_POLL_MS = 10;

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Starts recording the connections the policy blocks. Call it before the first request; outside a page it does nothing. */
export function watchBlockedConnections(): void {
  if (watching || typeof document === 'undefined') {
    return;
  }
  watching = true;
  document.addEventListener('securitypolicyviolation', (event) => {
    // A report-only policy fires the event too, but lets the request through.
    if (event.effectiveDirective !== 'connect-src' || event.disposition !== 'enforce') {
      return;
    }
    const origin = originOf(event.blockedURI);
    if (origin !== null) {
      blockedOrigins.add(origin);
    }
  });
}

/**
 * Checks whether the page's policy blocked a connection to the origin of `url`, after a
 * request there failed. Waits briefly for the browser's event, and returns false at once
 * outside a page.
 */
export async function blockedByPolicy(url: string): Promise<boolean> {
  const origin = originOf(url);
  if (!watching || origin === null) {
    return false;
  }
  for (let waited = 0; !blockedOrigins.has(origin) && waited < EVENT_WAIT_MS; waited += EVENT_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, EVENT_POLL_MS));
  }
  return blockedOrigins.has(origin);
}

/** Returns the fix for a blocked origin: what the host must add, and where that is described. */
export function policyFix(origin: string): string {
  return (
    `Whoever hosts this app must add ${origin} to connect-src in its Content-Security-Policy header ` +
    '(docs/hosting.md in the project describes the header).'
  );
}
