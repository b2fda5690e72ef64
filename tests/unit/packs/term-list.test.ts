import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTermList } from '../../../src/packs/parse-term-list';
import { readImportFile, readTermList, type TermListSource } from '../../../src/packs/read-import-file';

function readList(text: string | Uint8Array, fileName = 'terms.csv'): TermListSource {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const source = readImportFile(bytes, fileName);
  expect(source.kind).toBe('term-list');
  return source as TermListSource;
}

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../../fixtures/packs/${name}`, import.meta.url));
}

describe('term list reading', () => {
  it('reads a CSV with a header and a subdomain column', () => {
    const source = readList(fixture('example-terms.csv'), 'example-terms.csv');

    expect(source.list.delimiter).toBe(',');
    expect(source.list.hasHeader).toBe(true);
    expect(source.list.columns).toEqual(['prompt', 'definition', 'subdomain']);
    expect(source.list.rows.map((row) => row.prompt)).toEqual(['API', 'Endpoint', 'Status code "200"']);
    expect(source.list.rows[1]?.definition).toBe('A URL at which an API accepts requests, such as /users.');
    expect(source.converted.pack.subdomains.map((subdomain) => subdomain.name)).toEqual(['Design', 'HTTP']);
    expect(source.converted.pack.domain.name).toBe('example-terms');
  });

  it('reads a TSV without a header', () => {
    const source = readList(fixture('example-terms.tsv'), 'example-terms.tsv');

    expect(source.list.delimiter).toBe('\t');
    expect(source.list.hasHeader).toBe(false);
    expect(source.list.columns).toEqual(['prompt', 'definition']);
    expect(source.list.rows.map((row) => [row.line, row.prompt])).toEqual([
      [1, 'Cache'],
      [2, 'Cookie'],
    ]);
  });

  it('detects semicolons when definitions contain commas', () => {
    const source = readList('HTTP;A protocol for documents, forms and APIs\nDNS;Turns names into addresses, like a phone book\n', 'list.txt');

    expect(source.list.delimiter).toBe(';');
    expect(source.list.rows[0]?.definition).toBe('A protocol for documents, forms and APIs');
  });

  it('prefers the shorter term when two delimiters fit', () => {
    const source = readList('API,A contract; an interface\nDNS,Name lookup; like a phone book\n', 'list.txt');

    expect(source.list.delimiter).toBe(',');
  });

  it('detects tabs in a file named .csv', () => {
    const source = readList('HTTP\tA protocol, for documents\nDNS\tName lookup, for hosts\n', 'list.csv');

    expect(source.list.delimiter).toBe('\t');
  });

  it('keeps quoted delimiters and line breaks in a cell', () => {
    const source = readList('API,"A contract, between programs"\nCRLF,"Two characters:\r\ncarriage return, line feed"\r\nLast,row\r\n');

    expect(source.list.rows.map((row) => row.definition)).toEqual([
      'A contract, between programs',
      'Two characters:\r\ncarriage return, line feed',
      'row',
    ]);
    expect(source.list.rows.map((row) => row.line)).toEqual([1, 2, 4]);
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('term,definition\nCafé,A place that serves coffee\n')]);
    const source = readList(bytes);

    expect(source.list.hasHeader).toBe(true);
    expect(source.list.rows[0]?.prompt).toBe('Café');
  });

  it('reads header columns in any order', () => {
    const source = readList('Back,Front\nA contract between programs,API\n');

    expect(source.list.columns).toEqual(['definition', 'prompt']);
    expect(source.list.rows[0]?.prompt).toBe('API');
  });

  it('numbers lines after blank lines', () => {
    const source = readList('\n\nAPI,contract\n\n   \nDNS,name lookup\n');

    expect(source.list.rows.map((row) => row.line)).toEqual([3, 6]);
  });

  it('follows the chosen delimiter and header', () => {
    const text = 'term;definition,x\nAPI;contract,between programs\n';

    const list = parseTermList(text, 'list', { delimiter: ',', hasHeader: false });

    expect(list.delimiterDetected).toBe(false);
    expect(list.hasHeader).toBe(false);
    expect(list.rows.map((row) => row.prompt)).toEqual(['term;definition', 'API;contract']);
  });

  it('merges repeated terms into several definitions', () => {
    const source = readList('API,A contract between programs\napi,An agreed interface\nAPI,A contract between programs\n');

    expect(source.converted.mergedRowCount).toBe(2);
    expect(source.converted.pack.terms).toHaveLength(1);
    expect(source.converted.pack.terms[0]?.definitions).toEqual(['A contract between programs', 'An agreed interface']);
  });

  it('keeps HTML in cells as text', () => {
    const source = readList('<img src=x onerror=alert(1)>,<script>alert(2)</script>\n');

    expect(source.converted.pack.terms[0]?.prompt).toBe('<img src=x onerror=alert(1)>');
    expect(source.converted.pack.terms[0]?.definitions).toEqual(['<script>alert(2)</script>']);
  });

  it('uses the domain name the learner typed', () => {
    const source = readList('API,contract\n');

    const { converted } = readTermList(source.text, source.fileLabel, {}, 'My terms');

    expect(converted.pack.domain.name).toBe('My terms');
  });
});
