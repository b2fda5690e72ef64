// JSON schemas of the model's replies. The same schema goes into response_format and into
// the prompt (for servers that ignore response_format). The validators in
// reply-validators.ts are compiled from these schemas at build time.

export interface SubdomainItem {
  name: string;
  scope: string;
}

export interface TermItem {
  prompt: string;
  definition: string;
  sources: string[];
}

export interface SubdomainListReply {
  subdomains: SubdomainItem[];
}

export interface TermListReply {
  terms: TermItem[];
}

export interface DefinitionReply {
  definition: string;
  sources: string[];
}

/** Maximum number of subdomains that a learner may request in one draft. */
export const MAX_SUBDOMAINS = 12;
/** Maximum number of terms that a learner may request for one subdomain. */
export const MAX_TERMS_PER_SUBDOMAIN = 20;

export const MAX_SUBDOMAIN_NAME_LENGTH = 80;
export const MAX_SCOPE_LENGTH = 200;
export const MAX_TERM_PROMPT_LENGTH = 100;
export const MIN_DEFINITION_LENGTH = 20;
export const MAX_DEFINITION_LENGTH = 400;
export const MAX_SOURCES = 3;
export const MAX_SOURCE_LENGTH = 200;

const sourcesSchema = {
  type: 'array',
  maxItems: MAX_SOURCES,
  items: { type: 'string', minLength: 1, maxLength: MAX_SOURCE_LENGTH },
};

const definitionSchema = { type: 'string', minLength: MIN_DEFINITION_LENGTH, maxLength: MAX_DEFINITION_LENGTH };

/** Schema of a list of `count` subdomains at most. */
export function subdomainListSchema(count: number): object {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['subdomains'],
    properties: {
      subdomains: {
        type: 'array',
        minItems: 1,
        maxItems: count,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'scope'],
          properties: {
            name: { type: 'string', minLength: 2, maxLength: MAX_SUBDOMAIN_NAME_LENGTH },
            scope: { type: 'string', minLength: 10, maxLength: MAX_SCOPE_LENGTH },
          },
        },
      },
    },
  };
}

/** Schema of a list of `count` terms at most. */
export function termListSchema(count: number): object {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['terms'],
    properties: {
      terms: {
        type: 'array',
        minItems: 1,
        maxItems: count,
        items: {
          type: 'object',
          additionalProperties: false,
          // Every property is required because grammar-based servers (node-llama-cpp) always
          // generate them all; a term without sources has an empty list.
          required: ['prompt', 'definition', 'sources'],
          properties: {
            prompt: { type: 'string', minLength: 1, maxLength: MAX_TERM_PROMPT_LENGTH },
            definition: definitionSchema,
            sources: sourcesSchema,
          },
        },
      },
    },
  };
}

/** Schema of one rewritten definition. */
export function definitionReplySchema(): object {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['definition', 'sources'],
    properties: { definition: definitionSchema, sources: sourcesSchema },
  };
}
