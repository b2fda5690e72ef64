// A static file server on 127.0.0.1 for the production build and the benchmark page.
// It records every path it serves, so the first-visit file list is what the browser
// actually requested. Responses carry an ETag and `Cache-Control: no-cache`, so a
// repeat visit revalidates each file and gets 304 Not Modified from the HTTP cache,
// as from a static host with default settings.

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

import { contentTypeFor } from '../shared/content-types';

export interface ServedRequest {
  /** URL path as requested, without the query string. */
  path: string;
  status: number;
  bytes: number;
}

export interface StaticServer {
  origin: string;
  /** Requests served since start or the last clearLog(), in order. */
  readonly log: ServedRequest[];
  clearLog(): void;
  close(): Promise<void>;
}

/** A URL path prefix and the folder it is served from. */
export interface Mount {
  prefix: string;
  folder: string;
  /** Send COOP and COEP headers, so pages here may call performance.measureUserAgentSpecificMemory(). */
  crossOriginIsolated: boolean;
}

function resolveFile(mounts: readonly Mount[], urlPath: string): { file: string; mount: Mount } | null {
  for (const mount of mounts) {
    if (!urlPath.startsWith(mount.prefix)) {
      continue;
    }
    let relative = decodeURIComponent(urlPath.slice(mount.prefix.length));
    if (relative === '' || relative.endsWith('/')) {
      relative += 'index.html';
    }
    const file = normalize(join(mount.folder, relative));
    // A path with ".." must not leave the mounted folder.
    if (file !== mount.folder && !file.startsWith(mount.folder.endsWith(sep) ? mount.folder : mount.folder + sep)) {
      return null;
    }
    try {
      if (statSync(file).isFile()) {
        return { file, mount };
      }
    } catch {
      // Not in this mount; a later mount may have it.
    }
  }
  return null;
}

function entityTag(size: number, modifiedMs: number, file: string): string {
  return `"${createHash('sha1').update(`${file}:${size}:${modifiedMs}`).digest('hex').slice(0, 16)}"`;
}

/** Starts serving `mounts` (longest prefix first wins) on 127.0.0.1 at a port the operating system picks. */
export async function startStaticServer(mounts: readonly Mount[]): Promise<StaticServer> {
  const log: ServedRequest[] = [];
  const sortedMounts = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const urlPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const found = request.method === 'GET' || request.method === 'HEAD' ? resolveFile(sortedMounts, urlPath) : null;
    if (!found) {
      response.statusCode = 404;
      response.end(`Not found: ${urlPath}`);
      log.push({ path: urlPath, status: 404, bytes: 0 });
      return;
    }
    const { file, mount } = found;
    if (mount.crossOriginIsolated) {
      response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    const stats = statSync(file);
    const tag = entityTag(stats.size, stats.mtimeMs, file);
    response.setHeader('ETag', tag);
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Type', contentTypeFor(file));
    if (request.headers['if-none-match'] === tag) {
      response.statusCode = 304;
      response.end();
      log.push({ path: urlPath, status: 304, bytes: 0 });
      return;
    }
    response.setHeader('Content-Length', stats.size);
    log.push({ path: urlPath, status: 200, bytes: stats.size });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    clearLog() {
      log.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
