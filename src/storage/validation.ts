import { InvalidInputError } from './errors';

// Length limits keep one runaway paste from filling the storage quota. Answers and
// definitions beyond the model's maximum sequence length are truncated by the grader anyway.
export const MAX_NAME_LENGTH = 200;
export const MAX_PROMPT_LENGTH = 500;
export const MAX_DEFINITION_LENGTH = 2000;
export const MAX_DEFINITIONS_PER_TERM = 10;
export const MAX_SOURCE_LENGTH = 500;
export const MAX_ANSWER_LENGTH = 4000;

/**
 * Returns `value` with surrounding white space removed, or raises InvalidInputError
 * naming `label` when it is empty or longer than `maxLength` characters.
 */
export function requireText(value: string, label: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw new InvalidInputError(label, `${label} is empty; type at least one character.`);
  }
  if (trimmed.length > maxLength) {
    throw new InvalidInputError(
      label,
      `${label} is ${trimmed.length} characters long; the maximum is ${maxLength}.`,
    );
  }
  return trimmed;
}

/** Like requireText, but an empty value is allowed and returned as ''. */
export function optionalText(value: string, label: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed.length > maxLength) {
    throw new InvalidInputError(
      label,
      `${label} is ${trimmed.length} characters long; the maximum is ${maxLength}.`,
    );
  }
  return trimmed;
}

/**
 * Returns the non-empty definitions, trimmed, in their order. Raises InvalidInputError
 * when none is left, when there are too many, or when one is too long (naming which one).
 */
export function requireDefinitions(definitions: readonly string[]): string[] {
  const kept = definitions.map((definition) => definition.trim()).filter((definition) => definition !== '');
  if (kept.length === 0) {
    throw new InvalidInputError('Definition', 'Definition is empty; a term needs at least one reference definition.');
  }
  if (kept.length > MAX_DEFINITIONS_PER_TERM) {
    throw new InvalidInputError(
      'Definitions',
      `A term has ${kept.length} definitions; the maximum is ${MAX_DEFINITIONS_PER_TERM}.`,
    );
  }
  kept.forEach((definition, index) => {
    if (definition.length > MAX_DEFINITION_LENGTH) {
      throw new InvalidInputError(
        `Definition ${index + 1}`,
        `Definition ${index + 1} is ${definition.length} characters long; the maximum is ${MAX_DEFINITION_LENGTH}.`,
      );
    }
  });
  return kept;
}

/** Raises InvalidInputError unless `threshold` is a number in [0, 1]. */
export function requireThreshold(threshold: number): number {
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new InvalidInputError(
      'Pass threshold',
      `Pass threshold ${String(threshold)} is invalid; use a number from 0 to 1, such as 0.5.`,
    );
  }
  return threshold;
}

/** Returns the key under which two prompts, subdomain names or domain names count as the same. */
export function matchKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
