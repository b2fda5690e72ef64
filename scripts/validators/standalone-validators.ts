// Generates the app's JSON Schema validators as ES modules with Ajv's standalone code
// generation. Ajv's run-time compiler (8.20) builds each validator with `new Function`, which a
// content security policy without 'unsafe-eval' blocks. The generated modules contain
// the same validation functions as plain source, so the app ships no compiler.

import Ajv, { type AnySchemaObject } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';

import {
  definitionReplySchema,
  MAX_SUBDOMAINS,
  MAX_TERMS_PER_SUBDOMAIN,
  subdomainListSchema,
  termListSchema,
} from '../../src/curriculum/reply-schemas.ts';

/** ES module exports, and the source that standaloneCode needs, kept for every compiled schema. */
const CODE_OPTIONS = { source: true, esm: true };

/** Matches the calls to Ajv's runtime helpers in standalone code, such as `require("ajv/dist/runtime/equal").default`. */
const RUNTIME_HELPER_CALL = /require\("(ajv\/dist\/runtime\/[A-Za-z0-9_]+)"\)\.([A-Za-z_$][A-Za-z0-9_$]*)/g;

function schemaId(schema: AnySchemaObject, file: string): string {
  if (typeof schema.$id !== 'string' || schema.$id === '') {
    throw new Error(`${file} has no "$id", which the validator generator needs to find the compiled schema. Add one.`);
  }
  return schema.$id;
}

/**
 * Code that picks one export of a CommonJS runtime helper from its module namespace.
 * In Vite 8.4's production build the namespace's `default` is the helper. In `vite dev`,
 * which pre-bundles the module, and in Node, `default` is the whole `exports` object.
 */
const RUNTIME_EXPORT_FUNCTION = `function ajvRuntimeExport(namespace, moduleName, exportName) {
  const exports = namespace.default !== null && typeof namespace.default === "object" && namespace.default.__esModule === true ? namespace.default : namespace;
  const value = exports[exportName];
  if (value === undefined) {
    throw new Error(moduleName + " has no export " + exportName + ", which the precompiled validators need.");
  }
  return value;
}`;

/**
 * Replaces the `require("ajv/dist/runtime/…")` calls in Ajv's standalone code with ES
 * imports, because Ajv 8.20 writes `require` even with `code.esm` and browsers have none.
 * Raises when any other `require` remains.
 */
export function importRuntimeHelpers(code: string): string {
  const helpers = new Map<string, { module: string; exportName: string; local: string }>();
  const body = code.replace(RUNTIME_HELPER_CALL, (_call, module: string, exportName: string) => {
    const key = `${module}#${exportName}`;
    let helper = helpers.get(key);
    if (helper === undefined) {
      helper = { module, exportName, local: `ajvRuntimeHelper${helpers.size}` };
      helpers.set(key, helper);
    }
    return helper.local;
  });
  const leftover = /\brequire\([^)]*\)/.exec(body);
  if (leftover !== null) {
    throw new Error(
      `Ajv's standalone code contains ${leftover[0]}, but importRuntimeHelpers turns only Ajv's runtime helpers into imports. Add an import for it there.`,
    );
  }
  if (helpers.size === 0) {
    return body;
  }

  const modules = [...new Set([...helpers.values()].map((helper) => helper.module))];
  const namespaceName = (module: string): string => `ajvRuntimeModule${modules.indexOf(module)}`;
  const lines = [
    // With the file extension, because Node's ES module resolver needs it for a path inside a package.
    ...modules.map((module) => `import * as ${namespaceName(module)} from ${JSON.stringify(`${module}.js`)};`),
    RUNTIME_EXPORT_FUNCTION,
    ...[...helpers.values()].map(
      ({ module, exportName, local }) =>
        `const ${local} = ajvRuntimeExport(${namespaceName(module)}, ${JSON.stringify(module)}, ${JSON.stringify(exportName)});`,
    ),
  ];
  return `${lines.join('\n')}\n${body}`;
}

/**
 * Generates the module that exports `packSchemaValidator` (pack.schema.json) and
 * `termListRowValidator` (term-list-row.schema.json, whose `$ref`s point into the pack
 * schema). The options are those that src/packs/schema-problems.ts relies on:
 * `allErrors` to report every problem, and `verbose` for the invalid value in each error.
 */
export function packValidatorsCode(packSchema: AnySchemaObject, termListRowSchema: AnySchemaObject): string {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, code: CODE_OPTIONS });
  ajv.addSchema(packSchema);
  ajv.addSchema(termListRowSchema);
  const exports = {
    packSchemaValidator: schemaId(packSchema, 'pack.schema.json'),
    termListRowValidator: schemaId(termListRowSchema, 'term-list-row.schema.json'),
  };
  return importRuntimeHelpers(standaloneCode(ajv, exports));
}

/**
 * Generates the module that exports `subdomainListValidator`, `termListValidator` and
 * `definitionReplyValidator`. A compiled validator cannot take the learner's count, so
 * the lists are compiled with the largest count the app allows.
 * src/curriculum/reply-validators.ts checks the learner's count.
 */
export function replyValidatorsCode(): string {
  const ajv = new Ajv({ allErrors: true, strict: true, code: CODE_OPTIONS });
  ajv.addSchema(subdomainListSchema(MAX_SUBDOMAINS), 'subdomain-list');
  ajv.addSchema(termListSchema(MAX_TERMS_PER_SUBDOMAIN), 'term-list');
  ajv.addSchema(definitionReplySchema(), 'definition-reply');
  const exports = {
    subdomainListValidator: 'subdomain-list',
    termListValidator: 'term-list',
    definitionReplyValidator: 'definition-reply',
  };
  return importRuntimeHelpers(standaloneCode(ajv, exports));
}
