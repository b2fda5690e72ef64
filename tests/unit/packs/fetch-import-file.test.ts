// Node's fetch does not enforce CORS, so the no-CORS case is tested in the browser
// (tests/e2e/packs-url.spec.ts); these tests cover everything else against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImportFile, parseImportUrl } from '../../../src/packs/fetch-import-file';
import { PackReadError, type PackProblemCode } from '../../../src/packs/pack-problems';
import { readImportFile } from '../../../src/packs/read-import-file';
import { startPackServer, type PackServer } from '../../fixtures/packs/pack-server';

let server: PackServer;

beforeAll(async () => {
  server = await startPackServer();
});

afterAll(async () => {
  await server.close();
});

async function fetchError(url: string, timeoutMs?: number): Promise<PackReadError> {
  const error = await fetchImportFile(url, timeoutMs === undefined ? {} : { timeoutMs }).catch((caught: unknown) => caught);
  if (error instanceof PackReadError) {
    return error;
  }
  throw new Error(`${url} was fetched without a PackReadError`, { cause: error });
}

describe('URL import', () => {
  it('fetches a pack', async () => {
    const file = await fetchImportFile(`${server.url}/cors/example.tutor-pack.json`);

    expect(file.fileName).toBe('example.tutor-pack.json');
    expect(file.contentType).toBe('application/json');
    const source = readImportFile(file.bytes, file.fileName, file.contentType);
    expect(source.kind).toBe('pack');
  });

  it('names the file after a redirect', async () => {
    const file = await fetchImportFile(`${server.url}/redirect`);

    expect(file.fileName).toBe('example.tutor-pack.json');
  });

  it('fetches a term list', async () => {
    const file = await fetchImportFile(`${server.url}/cors/example-terms.tsv`);

    expect(readImportFile(file.bytes, file.fileName, file.contentType).kind).toBe('term-list');
  });

  const failures: [string, string, PackProblemCode, string][] = [
    ['404 response', '/cors/missing.json', 'http-error', '404'],
    ['500 response', '/server-error.json', 'http-error', '500'],
    ['oversized Content-Length', '/huge-declared.json', 'file-too-large', '6.0 MiB'],
    ['oversized body without length', '/huge-streamed.json', 'file-too-large', '5.0 MiB'],
  ];
  it.each(failures)('rejects a %s', async (_kind, path, code, mention) => {
    const error = await fetchError(`${server.url}${path}`);

    expect(error.code).toBe(code);
    expect(error.message).toContain(mention);
  });

  it('rejects an HTML page', async () => {
    const file = await fetchImportFile(`${server.url}/html-page`);

    expect(() => readImportFile(file.bytes, file.fileName, file.contentType)).toThrow(/HTML page/);
  });

  it('gives up on a server that never answers', async () => {
    const error = await fetchError(`${server.url}/never-answers.json`, 300);

    expect(error.code).toBe('fetch-timed-out');
  });

  it('explains a refused connection', async () => {
    // A port this test listened on and closed again, so the connection is refused.
    const closed = await startPackServer();
    await closed.close();

    const error = await fetchError(`${closed.url}/cors/example.tutor-pack.json`);

    expect(error.code).toBe('fetch-failed');
    expect(error.message).toContain('Access-Control-Allow-Origin');
  });

  it.each([
    ['not a URL', 'packs/web.json', 'invalid-url'],
    ['file: URL', 'file:///etc/passwd', 'unsupported-url-scheme'],
    ['javascript: URL', 'javascript:alert(1)', 'unsupported-url-scheme'],
  ])('rejects %s', (_kind, input, code) => {
    expect(() => parseImportUrl(input)).toThrow(PackReadError);
    try {
      parseImportUrl(input);
    } catch (error) {
      expect((error as PackReadError).code).toBe(code);
    }
  });
});
