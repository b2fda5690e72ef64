import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import packSchema from '../../../src/packs/pack.schema.json';
import { jsonPointerToPath } from '../../../src/packs/pack-problems';
import { readImportFile, type PackSource } from '../../../src/packs/read-import-file';
import {
  MAX_ANSWER_LENGTH,
  MAX_DEFINITION_LENGTH,
  MAX_DEFINITIONS_PER_TERM,
  MAX_NAME_LENGTH,
  MAX_PROMPT_LENGTH,
  MAX_SOURCE_LENGTH,
} from '../../../src/storage/validation';
import { validTestPack } from '../../fixtures/packs/bad-inputs';

function readPackSource(value: unknown, fileName = 'pack.json'): PackSource {
  const bytes = value instanceof Uint8Array ? value : new TextEncoder().encode(JSON.stringify(value));
  const source = readImportFile(bytes, fileName);
  expect(source.kind).toBe('pack');
  return source as PackSource;
}

describe('pack reading', () => {
  it('reads the documented example pack', () => {
    const bytes = readFileSync(new URL('../../fixtures/packs/example.tutor-pack.json', import.meta.url));

    const { pack, notices } = readPackSource(bytes, 'example.tutor-pack.json').validated;

    expect(pack.terms).toHaveLength(4);
    expect(pack.terms[0]?.definitions).toHaveLength(2);
    expect(pack.grading?.passThreshold).toBe(0.5);
    expect(notices).toEqual([]);
  });

  it('reads a newer minor version without its new properties', () => {
    const value = { ...validTestPack(), formatVersion: '1.7', license: 'CC-BY-4.0' };
    (value.terms[0] as Record<string, unknown>).hint = 'Think of a phone call.';

    const { pack, notices } = readPackSource(value).validated;

    expect(pack.formatVersion).toBe('1.7');
    expect(Object.keys(pack)).not.toContain('license');
    expect(Object.keys(pack.terms[0] ?? {})).not.toContain('hint');
    expect(notices[0]).toContain('$.license');
    expect(notices[0]).toContain('$.terms[0].hint');
  });

  it('still checks a newer minor version', () => {
    const value = { ...validTestPack(), formatVersion: '1.7', license: 'CC-BY-4.0' };
    (value.terms[0] as Record<string, unknown>).prompt = '';

    expect(() => readPackSource(value)).toThrow(/\$\.terms\[0\]\.prompt is empty/);
  });

  it('trims text and accepts a byte order mark', () => {
    const value = validTestPack();
    value.domain.name = '  Networking  ';
    const json = new TextEncoder().encode(JSON.stringify(value));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...json]);

    expect(readPackSource(bytes).validated.pack.domain.name).toBe('Networking');
  });

  it('keeps HTML in text as text', () => {
    const value = validTestPack();
    (value.terms[0] as Record<string, unknown>).prompt = '<img src=x onerror="alert(1)">';

    expect(readPackSource(value).validated.pack.terms[0]?.prompt).toBe('<img src=x onerror="alert(1)">');
  });

  it('accepts line breaks in definitions', () => {
    const value = validTestPack();
    (value.terms[0] as Record<string, unknown>).definitions = ['First line.\nSecond line.\tTabbed.'];

    expect(readPackSource(value).validated.pack.terms[0]?.definitions[0]).toBe('First line.\nSecond line.\tTabbed.');
  });

  it('reports the prompt of the term at fault', () => {
    const value = validTestPack();
    (value.terms[1] as Record<string, unknown>).definitions = [''];

    expect(() => readPackSource(value)).toThrow('$.terms[1].definitions[0] (term "UDP") is empty');
  });

  it('lists several problems at once', () => {
    const value = validTestPack();
    (value.terms[0] as Record<string, unknown>).prompt = '';
    (value.terms[1] as Record<string, unknown>).definitions = 'not a list';

    try {
      readPackSource(value);
      expect.unreachable('the pack was accepted');
    } catch (error) {
      const paths = (error as { problems: { path?: string }[] }).problems.map((problem) => problem.path);
      expect(paths).toContain('$.terms[0].prompt');
      expect(paths).toContain('$.terms[1].definitions');
    }
  });

  it('converts JSON Pointers to JSON paths', () => {
    expect(jsonPointerToPath('')).toBe('$');
    expect(jsonPointerToPath('/terms/3/definitions/0')).toBe('$.terms[3].definitions[0]');
    expect(jsonPointerToPath('/a~1b/c d')).toBe('$["a/b"]["c d"]');
  });
});

describe('documented example packs', () => {
  const documents = ['../../../README.md', '../../../docs/packs.md'];

  it.each(documents)('%s shows a valid pack', (document) => {
    const markdown = readFileSync(new URL(document, import.meta.url), 'utf8');
    const examples = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .filter((json) => json.includes('know-it-all-tutor-pack'));

    expect(examples.length).toBeGreaterThan(0);
    for (const json of examples) {
      expect(readPackSource(new TextEncoder().encode(json)).validated.notices).toEqual([]);
    }
  });
});

describe('pack schema limits', () => {
  it('match the storage limits', () => {
    const term = packSchema.properties.terms.items.properties;
    expect(packSchema.properties.domain.properties.name.maxLength).toBe(MAX_NAME_LENGTH);
    expect(packSchema.properties.subdomains.items.properties.name.maxLength).toBe(MAX_NAME_LENGTH);
    expect(term.prompt.maxLength).toBe(MAX_PROMPT_LENGTH);
    expect(term.definitions.items.maxLength).toBe(MAX_DEFINITION_LENGTH);
    expect(term.definitions.maxItems).toBe(MAX_DEFINITIONS_PER_TERM);
    expect(term.source.maxLength).toBe(MAX_SOURCE_LENGTH);
    expect(packSchema.$defs.attempt.properties.answer.maxLength).toBe(MAX_ANSWER_LENGTH);
  });
});
