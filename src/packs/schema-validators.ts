// Validators of pack.schema.json and term-list-row.schema.json, compiled at build time by
// scripts/validators/schema-validators-plugin.ts, and the limits that the pack schema sets.
import packSchema from './pack.schema.json';

export { packSchemaValidator, termListRowValidator } from 'virtual:pack-validators';

/** Maximum number of terms in a pack or term list, from the pack schema. */
export const MAX_TERMS = packSchema.properties.terms.maxItems;

/** Maximum number of definitions of one term, from the pack schema. */
export const MAX_DEFINITIONS_PER_TERM = packSchema.properties.terms.items.properties.definitions.maxItems;
