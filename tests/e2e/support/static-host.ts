// A static file server on 127.0.0.1 that hosts a built app the way docs/hosting.md
// describes: under a sub-path, with the content security policy and the other
// headers on every response, gzip for text, WebAssembly and the model, and ETags. Tests switch
// the folder it serves (to publish an update), take it offline, and read a log of
// what it sent.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

import { contentTypeFor } from '../../../scripts/shared/content-types';

/** Returns the hosting headers of docs/hosting.md, with the app's own origin as the only connect-src. */
export function hostingHeaders(extraConnectSources: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "worker-src 'self'",
      `connect-src ${["'self'", ...extraConnectSources].join(' ')}`,
      "img-src 'self'",
      "style-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Extensions served with gzip, as docs/hosting.md recommends; PNG files are compressed already. */
const COMPRESSED_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.onnx', '.svg', '.md']);

/** One request the server responded to, or dropped while offline. */
export interface ServedRequest {
  /** Path under the app's folder, such as 'assets/index-abc.js', or the full path of a request outside it. */
  path: string;
  status: number;
  /** Body bytes sent, after compression; 0 for 304 and for dropped requests. */
  bytesSent: number;
  encoding: 'gzip' | 'identity';
  /** True when the server was offline and closed the connection without a response. */
  dropped: boolean;
}

interface FileBody {
  raw: Buffer;
  gzip: Buffer | null;
  etag: string;
}

export class StaticHost {
  readonly basePath: string;
  readonly log: ServedRequest[] = [];
  #root: string;
  #offline = false;
  #headers: Record<string, string>;
  #server: Server;
  #sockets = new Set<Socket>();
  #files = new Map<string, FileBody>();

  private constructor(root: string, basePath: string, headers: Record<string, string>) {
    this.#root = root;
    this.basePath = basePath;
    this.#headers = headers;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        console.error(`[static host] ${request.url ?? ''} failed:`, error);
        if (!response.headersSent) {
          response.writeHead(500);
        }
        response.end();
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /**
   * Serves `root` at http://127.0.0.1:<free port><basePath>. `basePath` starts and ends
   * with '/', such as '/tutor/'.
   */
  static async start(root: string, basePath: string, headers = hostingHeaders()): Promise<StaticHost> {
    const host = new StaticHost(root, basePath, headers);
    await new Promise<void>((resolve, reject) => {
      host.#server.once('error', reject);
      host.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return host;
  }

  /** URL of the app's folder, such as http://127.0.0.1:41234/tutor/. */
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.basePath}`;
  }

  /** Serves another build from now on, as a deploy of a new version would. */
  publish(root: string): void {
    this.#root = root;
    this.#files.clear();
  }

  /** While offline, every request's connection is closed without a response. */
  setOffline(offline: boolean): void {
    this.#offline = offline;
    if (offline) {
      for (const socket of this.#sockets) {
        socket.destroy();
      }
    }
  }

  /** Returns the log entries from `start` on, for reading what one step downloaded. */
  logSince(start: number): ServedRequest[] {
    return this.log.slice(start);
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const underBase = path.startsWith(this.basePath);
    if (this.#offline) {
      const logged = underBase ? path.slice(this.basePath.length) : path;
      this.log.push({ path: logged, status: 0, bytesSent: 0, encoding: 'identity', dropped: true });
      request.socket.destroy();
      return;
    }
    if (!underBase) {
      this.#send(response, path, 404, Buffer.from('Not found'), 'identity', { 'Content-Type': 'text/plain' });
      return;
    }
    const relative = path.slice(this.basePath.length) || 'index.html';
    const body = await this.#read(relative.endsWith('/') ? `${relative}index.html` : relative);
    if (body === null) {
      this.#send(response, relative, 404, Buffer.from('Not found'), 'identity', { 'Content-Type': 'text/plain' });
      return;
    }

    const headers: Record<string, string> = {
      ...this.#headers,
      'Content-Type': contentTypeFor(relative.endsWith('/') || relative === '' ? 'index.html' : relative),
      ETag: body.etag,
      // Hashed file names under assets/ never change their content; everything else is revalidated.
      'Cache-Control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    if (request.headers['if-none-match'] === body.etag) {
      this.#send(response, relative, 304, Buffer.alloc(0), 'identity', headers);
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    if (acceptsGzip && body.gzip !== null) {
      this.#send(response, relative, 200, body.gzip, 'gzip', { ...headers, 'Content-Encoding': 'gzip' }, request.method);
    } else {
      this.#send(response, relative, 200, body.raw, 'identity', headers, request.method);
    }
  }

  #send(
    response: ServerResponse,
    path: string,
    status: number,
    body: Buffer,
    encoding: 'gzip' | 'identity',
    headers: Record<string, string>,
    method = 'GET',
  ): void {
    const sendsBody = method !== 'HEAD' && status !== 304;
    response.writeHead(status, { ...headers, ...(sendsBody ? { 'Content-Length': String(body.byteLength) } : {}) });
    response.end(sendsBody ? body : undefined);
    this.log.push({ path, status, bytesSent: sendsBody ? body.byteLength : 0, encoding, dropped: false });
  }

  async #read(relative: string): Promise<FileBody | null> {
    const cached = this.#files.get(relative);
    if (cached) {
      return cached;
    }
    const filePath = normalize(join(this.#root, relative));
    if (!filePath.startsWith(normalize(this.#root) + sep)) {
      return null; // A path with '..' that leaves the served folder.
    }
    try {
      if (!(await stat(filePath)).isFile()) {
        return null;
      }
    } catch {
      return null;
    }
    const raw = await readFile(filePath);
    const body: FileBody = {
      raw,
      gzip: COMPRESSED_TYPES.has(extname(relative)) ? gzipSync(raw, { level: 6 }) : null,
      etag: `W/"${createHash('sha256').update(raw).digest('hex').slice(0, 32)}"`,
    };
    this.#files.set(relative, body);
    return body;
  }
}
