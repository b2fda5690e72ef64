// The validator modules that the Vite plugin generates must run under a content security
// policy without 'unsafe-eval': no code built from strings, and no Ajv compiler.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateValidatorModule,
  PACK_VALIDATORS_MODULE,
  REPLY_VALIDATORS_MODULE,
} from '../../../scripts/validators/schema-validators-plugin';
import { importRuntimeHelpers } from '../../../scripts/validators/standalone-validators';

const ROOT = process.cwd();

/** Returns the module specifiers that `code` imports. */
function importedModules(code: string): string[] {
  return [...code.matchAll(/^\s*import\b[^'"]*from\s*(['"])([^'"]+)\1/gm)].map((match) => match[2] ?? '');
}

const MODULE_EXPORTS = [
  { name: PACK_VALIDATORS_MODULE, exports: ['packSchemaValidator', 'termListRowValidator'] },
  { name: REPLY_VALIDATORS_MODULE, exports: ['subdomainListValidator', 'termListValidator', 'definitionReplyValidator'] },
];

describe.each(MODULE_EXPORTS)('$name', ({ name, exports }) => {
  const generated = generateValidatorModule(name, ROOT);
  const code = generated?.code ?? '';

  it('exports its validators', () => {
    expect(generated).toBeDefined();
    const exported = [...code.matchAll(/export const (\w+) = validate\d+;/g)].map((match) => match[1]);
    expect(exported).toEqual(exports);
  });

  it('builds no code from strings', () => {
    expect(code).not.toContain('new Function');
    expect(code).not.toMatch(/\bFunction\(/);
    expect(code).not.toContain('eval(');
  });

  it('uses no require', () => {
    expect(code).not.toMatch(/\brequire\(/);
  });

  it("imports only Ajv's runtime helpers", () => {
    const modules = importedModules(code);
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) {
      expect(module).toMatch(/^ajv\/dist\/runtime\/[a-z0-9]+\.js$/i);
    }
  });
});

describe('pack validators module', () => {
  it('watches the schema files', () => {
    const watched = generateValidatorModule(PACK_VALIDATORS_MODULE, ROOT)?.watchFiles ?? [];
    expect(watched.some((file) => file.endsWith('pack.schema.json'))).toBe(true);
    expect(watched.some((file) => file.endsWith('term-list-row.schema.json'))).toBe(true);
  });

  it('reports an unknown module', () => {
    expect(generateValidatorModule('virtual:something-else', ROOT)).toBeUndefined();
  });
});

describe('generated module in Node', () => {
  // Node gives a CommonJS helper's namespace the shape that `vite dev` gives it, with the
  // whole `exports` object as `default`, so this runs the module outside Vite's transforms.
  it('runs as plain ES module', () => {
    const folder = join(ROOT, 'node_modules', '.cache', 'precompiled-validators-test');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'pack-validators.mjs'), generateValidatorModule(PACK_VALIDATORS_MODULE, ROOT)?.code ?? '');
    const runner = [
      "import { termListRowValidator } from './pack-validators.mjs';",
      "const valid = termListRowValidator({ prompt: 'TCP', definition: 'A reliable byte stream.' });",
      "const invalid = termListRowValidator({ prompt: 'x'.repeat(501), definition: 'A reliable byte stream.' });",
      'console.log(JSON.stringify({ valid, invalid, errors: termListRowValidator.errors }));',
    ].join('\n');
    writeFileSync(join(folder, 'run.mjs'), runner);

    const output = execFileSync(process.execPath, [join(folder, 'run.mjs')], { encoding: 'utf8' });
    const result = JSON.parse(output) as { valid: boolean; invalid: boolean; errors: { instancePath: string; keyword: string; params: unknown }[] };
    expect(result.valid).toBe(true);
    expect(result.invalid).toBe(false);
    expect(result.errors.map((error) => [error.instancePath, error.keyword, error.params])).toEqual([['/prompt', 'maxLength', { limit: 500 }]]);
  });
});

describe('importRuntimeHelpers', () => {
  it('turns each helper call into one import', () => {
    const code = [
      'const func0 = require("ajv/dist/runtime/equal").default;',
      'const func1 = require("ajv/dist/runtime/ucs2length").default;',
      'const func2 = require("ajv/dist/runtime/equal").default;',
      'const func3 = require("ajv/dist/runtime/parseJson").parseJson;',
    ].join('\n');
    const rewritten = importRuntimeHelpers(code);
    expect(importedModules(rewritten)).toEqual(['ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js', 'ajv/dist/runtime/parseJson.js']);
    expect(rewritten).toContain('import * as ajvRuntimeModule0 from "ajv/dist/runtime/equal.js";');
    expect(rewritten).toContain('const ajvRuntimeHelper0 = ajvRuntimeExport(ajvRuntimeModule0, "ajv/dist/runtime/equal", "default");');
    expect(rewritten).toContain(
      'const ajvRuntimeHelper2 = ajvRuntimeExport(ajvRuntimeModule2, "ajv/dist/runtime/parseJson", "parseJson");',
    );
    expect(rewritten).toContain('const func2 = ajvRuntimeHelper0;');
    expect(rewritten).not.toContain('require(');
  });

  it('rejects any other require', () => {
    expect(() => importRuntimeHelpers('const formats0 = require("ajv-formats/dist/formats").fullFormats.date;')).toThrow(
      'require("ajv-formats/dist/formats")',
    );
  });
});
