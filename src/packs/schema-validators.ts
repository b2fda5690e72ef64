import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import packSchema from './pack.schema.json';

const PACK_SCHEMA_ID = packSchema.$id;

// NOTE: Ajv compiles schemas with `new Function`, so a Content-Security-Policy without
// 'unsafe-eval' would break pack import; Ajv's standalone code generation is the way
// out if the app ever sets such a policy.
let ajv: Ajv2020 | undefined;
let pack: ValidateFunction | undefined;
let termListRow: ValidateFunction | undefined;

function sharedAjv(): Ajv2020 {
  if (ajv === undefined) {
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    ajv.addSchema(packSchema);
  }
  return ajv;
}

/** Returns the compiled validator of pack.schema.json. */
export function packValidator(): ValidateFunction {
  pack ??= sharedAjv().getSchema(PACK_SCHEMA_ID);
  if (pack === undefined) {
    throw new Error(`The pack schema ${PACK_SCHEMA_ID} did not compile.`);
  }
  return pack;
}

/**
 * Returns a validator of one term-list row, `{prompt, definition, subdomain?}`, that
 * reuses the pack schema's rules for a term's prompt, one definition and a subdomain
 * name, so a CSV file and a pack accept the same text.
 */
export function termListRowValidator(): ValidateFunction {
  termListRow ??= sharedAjv().compile({
    type: 'object',
    required: ['prompt', 'definition'],
    properties: {
      prompt: { $ref: `${PACK_SCHEMA_ID}#/properties/terms/items/properties/prompt` },
      definition: { $ref: `${PACK_SCHEMA_ID}#/properties/terms/items/properties/definitions/items` },
      subdomain: { $ref: `${PACK_SCHEMA_ID}#/properties/subdomains/items/properties/name` },
    },
  });
  return termListRow;
}

/** Most terms a pack or term list may hold, from the pack schema. */
export const MAX_TERMS = packSchema.properties.terms.maxItems;

/** Most definitions one term may have, from the pack schema. */
export const MAX_DEFINITIONS_PER_TERM = packSchema.properties.terms.items.properties.definitions.maxItems;
