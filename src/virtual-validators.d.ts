// Types of the virtual modules that scripts/validators/schema-validators-plugin.ts
// generates at build time with Ajv's standalone code generation.

declare module 'virtual:pack-validators' {
  import type { ErrorObject } from 'ajv';

  /** A JSON Schema validator compiled ahead of time. */
  export interface PrecompiledValidator {
    /** Returns whether `data` is valid, and sets `errors`. */
    (data: unknown): boolean;
    /** Errors of the last call, or null when it found `data` valid. */
    errors?: ErrorObject[] | null;
  }

  /** Validator of src/packs/pack.schema.json, with every error and the invalid value in each (`allErrors`, `verbose`). */
  export const packSchemaValidator: PrecompiledValidator;
  /** Validator of src/packs/term-list-row.schema.json, with the same options. */
  export const termListRowValidator: PrecompiledValidator;
}

declare module 'virtual:reply-validators' {
  import type { PrecompiledValidator } from 'virtual:pack-validators';

  export type { PrecompiledValidator };

  /** Validator of `subdomainListSchema(MAX_SUBDOMAINS)`, with every error (`allErrors`). */
  export const subdomainListValidator: PrecompiledValidator;
  /** Validator of `termListSchema(MAX_TERMS_PER_SUBDOMAIN)`, with every error. */
  export const termListValidator: PrecompiledValidator;
  /** Validator of `definitionReplySchema()`, with every error. */
  export const definitionReplyValidator: PrecompiledValidator;
}
