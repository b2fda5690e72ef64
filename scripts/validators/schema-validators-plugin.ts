// Vite plugin that serves the app's JSON Schema validators as virtual modules, generated
// by standalone-validators.ts when a module first imports them. It runs in `vite build`,
// `vite dev` and Vitest, which all read vite.config.ts. Their types are in
// src/virtual-validators.d.ts.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { AnySchemaObject } from 'ajv';
import type { Plugin } from 'vite';

import { packValidatorsCode, replyValidatorsCode } from './standalone-validators.ts';

export const PACK_VALIDATORS_MODULE = 'virtual:pack-validators';
export const REPLY_VALIDATORS_MODULE = 'virtual:reply-validators';

const PACK_SCHEMA_FILE = 'src/packs/pack.schema.json';
const TERM_LIST_ROW_SCHEMA_FILE = 'src/packs/term-list-row.schema.json';

/**
 * Ajv's runtime helpers that the generated code imports, as of Ajv 8.20 and the current
 * schemas. `vite dev` pre-bundles them because they are CommonJS. A helper missing here
 * still works, but Vite then reloads the page once after it discovers the helper.
 */
const RUNTIME_HELPERS = ['ajv/dist/runtime/ucs2length.js'];

function importedModules(code: string): string[] {
  return [...code.matchAll(/^import\b[^"]*"([^"]+)";$/gm)].map((match) => match[1] ?? '');
}

function readSchema(path: string): AnySchemaObject {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AnySchemaObject;
  } catch (error) {
    throw new Error(`Failed to read the JSON schema ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface GeneratedModule {
  code: string;
  /** Files the code is generated from, which Vite watches. */
  watchFiles: string[];
}

/**
 * Generates the virtual module `name` from the schemas under `root`, or returns
 * undefined when `name` is not one of this plugin's modules.
 */
export function generateValidatorModule(name: string, root: string): GeneratedModule | undefined {
  if (name === PACK_VALIDATORS_MODULE) {
    const packSchemaPath = resolve(root, PACK_SCHEMA_FILE);
    const termListRowSchemaPath = resolve(root, TERM_LIST_ROW_SCHEMA_FILE);
    return {
      code: packValidatorsCode(readSchema(packSchemaPath), readSchema(termListRowSchemaPath)),
      watchFiles: [packSchemaPath, termListRowSchemaPath],
    };
  }
  if (name === REPLY_VALIDATORS_MODULE) {
    // The reply schemas come from src/curriculum/reply-schemas.ts, which vite.config.ts
    // imports through this file, so Vite restarts when it changes.
    return { code: replyValidatorsCode(), watchFiles: [] };
  }
  return undefined;
}

/** Returns the plugin; add it to `plugins` in vite.config.ts. */
export function schemaValidatorsPlugin(): Plugin {
  let root = process.cwd();
  let isDevServer = false;
  return {
    name: 'know-it-all-tutor:schema-validators',
    config() {
      return { optimizeDeps: { include: RUNTIME_HELPERS } };
    },
    configResolved(config) {
      root = config.root;
      isDevServer = config.command === 'serve';
    },
    resolveId(id) {
      return id === PACK_VALIDATORS_MODULE || id === REPLY_VALIDATORS_MODULE ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith('\0')) {
        return undefined;
      }
      const generated = generateValidatorModule(id.slice(1), root);
      if (generated === undefined) {
        return undefined;
      }
      // A changed schema then regenerates the module in `vite dev` and Vitest's watch mode.
      for (const file of generated.watchFiles) {
        this.addWatchFile(file);
      }
      const unlisted = importedModules(generated.code).filter((module) => !RUNTIME_HELPERS.includes(module));
      if (isDevServer && unlisted.length > 0) {
        this.warn(`${id.slice(1)} imports ${unlisted.join(', ')}; add it to RUNTIME_HELPERS so that vite dev pre-bundles it.`);
      }
      return generated.code;
    },
  };
}
