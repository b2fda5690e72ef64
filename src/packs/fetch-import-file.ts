import { blockedByPolicy, policyFix, watchBlockedConnections } from '../hosting/connection-policy';
import { assertFileSize } from './decode-file-text';
import { FETCH_TIMEOUT_MS, MAX_FILE_BYTES, formatBytes } from './limits';
import { fail } from './pack-problems';

export interface FetchedFile {
  bytes: Uint8Array;
  /** Last path segment of the URL, used to tell a .json pack from a .csv list. */
  fileName: string;
  contentType: string;
}

export interface FetchOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The app's origin, named in the message about CORS; `location.origin` in the browser. */
  appOrigin?: string;
}

/** Parses what the learner typed as an http(s) URL, or raises naming what is wrong. */
export function parseImportUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    fail({
      code: 'invalid-url',
      message: `"${input.trim()}" is not a valid URL; enter a full address starting with https://.`,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail({
      code: 'unsupported-url-scheme',
      message: `Only http and https links can be imported, not "${url.protocol}" links; for a file on this device, use "Choose file".`,
    });
  }
  return url;
}

function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter((segment) => segment !== '').pop() ?? '';
  try {
    return decodeURIComponent(last) || url.hostname;
  } catch {
    return last || url.hostname;
  }
}

function corsMessage(url: URL, appOrigin: string | undefined): string {
  const origin = appOrigin ?? 'this app';
  const mixed = appOrigin?.startsWith('https:') === true && url.protocol === 'http:';
  if (mixed) {
    return `The browser blocked ${url.href}: this app runs on https, and browsers do not let an https page read an http:// address. Use the https:// address of the file.`;
  }
  return (
    `The browser could not read ${url.href}. Either the server did not answer (check the address and your connection), ` +
    `or it answered without allowing other websites to read the file (CORS). To allow it, the server must send the header ` +
    `"Access-Control-Allow-Origin: *" (or "Access-Control-Allow-Origin: ${origin}") with the file. ` +
    `If you cannot change the server, download the file and use "Choose file" instead.`
  );
}

/** Reads a response body, stopping as soon as it passes MAX_FILE_BYTES. */
async function readLimitedBody(response: Response, url: URL): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared)) {
    assertFileSize(declared, url.href);
  }
  if (response.body === null) {
    return new Uint8Array(0);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.length;
    if (total > MAX_FILE_BYTES) {
      await reader.cancel();
      fail({
        code: 'file-too-large',
        message: `${url.href} is more than ${formatBytes(MAX_FILE_BYTES)}, the limit for a pack or term list; the download was stopped.`,
      });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Fetches a pack or term list from a URL in the browser, without cookies. Raises a
 * PackReadError that explains a network or CORS failure, an HTTP error status, a
 * timeout or a body over the size limit.
 */
export async function fetchImportFile(input: string, options: FetchOptions = {}): Promise<FetchedFile> {
  const url = parseImportUrl(input);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? FETCH_TIMEOUT_MS);
  const signals = options.signal === undefined ? [timeout.signal] : [timeout.signal, options.signal];
  const signal = AbortSignal.any(signals);
  watchBlockedConnections();
  try {
    let response: Response;
    try {
      response = await fetch(url, { mode: 'cors', credentials: 'omit', redirect: 'follow', signal });
    } catch (error) {
      if (timeout.signal.aborted) {
        fail({
          code: 'fetch-timed-out',
          message: `${url.href} did not respond within ${Math.round((options.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)} seconds.`,
        });
      }
      if (options.signal?.aborted === true) {
        throw error;
      }
      if (await blockedByPolicy(url.href)) {
        fail({
          code: 'fetch-blocked-by-policy',
          message:
            `The browser did not request ${url.href}: this site's content security policy does not allow connections to ${url.origin}. ` +
            `${policyFix(url.origin)} Or download the file and use "Choose file" instead.`,
        });
      }
      // fetch raises the same TypeError for a refused connection, a DNS failure and a
      // CORS rejection, and hides which one it was, so the message names both causes.
      fail({ code: 'fetch-failed', message: corsMessage(url, options.appOrigin) });
    }
    if (!response.ok) {
      const status = `${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
      fail({
        code: 'http-error',
        message: `${url.href} returned HTTP ${status}${response.status === 404 ? '; check the address' : ''}.`,
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = await readLimitedBody(response, url);
    } catch (error) {
      if (timeout.signal.aborted) {
        fail({
          code: 'fetch-timed-out',
          message: `${url.href} did not finish sending the file within ${Math.round((options.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)} seconds.`,
        });
      }
      throw error;
    }
    return { bytes, fileName: fileNameOf(new URL(response.url || url.href)), contentType: response.headers.get('content-type') ?? '' };
  } finally {
    clearTimeout(timer);
  }
}
