// Validators of the model's replies, compiled at build time from the schemas in
// reply-schemas.ts, plus the check of the list length that the learner chose.
import type { ErrorObject } from 'ajv';
import {
  definitionReplyValidator as compiledDefinitionReply,
  subdomainListValidator as compiledSubdomainList,
  termListValidator as compiledTermList,
  type PrecompiledValidator,
} from 'virtual:reply-validators';
import { MAX_SUBDOMAINS, MAX_TERMS_PER_SUBDOMAIN } from './reply-schemas';

/** Validates a parsed reply and returns Ajv's errors, or an empty list when the reply is valid. */
export type ReplyValidator = (value: unknown) => ErrorObject[];

function errorsOf(validate: PrecompiledValidator, value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Returns a validator that allows at most `maxItems` entries in the list `value[listKey]`.
 * The precompiled validator allows `largestCount` entries, so this function adds the
 * error that Ajv reports for `maxItems`, before the errors inside the list as Ajv orders them.
 */
function limitListLength(validate: PrecompiledValidator, listKey: string, maxItems: number, largestCount: number): ReplyValidator {
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > largestCount) {
    throw new RangeError(`The number of ${listKey} is ${String(maxItems)}, but it must be a whole number from 1 to ${largestCount}.`);
  }
  const listPath = `/${escapePointerSegment(listKey)}`;
  return (value) => {
    const errors = errorsOf(validate, value).filter((error) => !(error.keyword === 'maxItems' && error.instancePath === listPath));
    const list = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[listKey] : undefined;
    if (!Array.isArray(list) || list.length <= maxItems) {
      return errors;
    }
    const tooMany: ErrorObject = {
      instancePath: listPath,
      schemaPath: `#/properties/${escapePointerSegment(listKey)}/maxItems`,
      keyword: 'maxItems',
      params: { limit: maxItems },
      message: `must NOT have more than ${maxItems} items`,
    };
    const firstInList = errors.findIndex((error) => error.instancePath === listPath || error.instancePath.startsWith(`${listPath}/`));
    errors.splice(firstInList === -1 ? errors.length : firstInList, 0, tooMany);
    return errors;
  };
}

/** Returns the validator of `subdomainListSchema(count)`. Raises a RangeError unless count is 1 to MAX_SUBDOMAINS. */
export function subdomainListValidator(count: number): ReplyValidator {
  return limitListLength(compiledSubdomainList, 'subdomains', count, MAX_SUBDOMAINS);
}

/** Returns the validator of `termListSchema(count)`. Raises a RangeError unless count is 1 to MAX_TERMS_PER_SUBDOMAIN. */
export function termListValidator(count: number): ReplyValidator {
  return limitListLength(compiledTermList, 'terms', count, MAX_TERMS_PER_SUBDOMAIN);
}

/** Returns the validator of `definitionReplySchema()`. */
export function definitionReplyValidator(): ReplyValidator {
  return (value) => errorsOf(compiledDefinitionReply, value);
}
