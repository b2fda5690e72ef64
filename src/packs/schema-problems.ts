import type { ErrorObject } from 'ajv/dist/2020';
import { jsonPointerToPath, type PackProblem } from './pack-problems';

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `a ${typeof value}`;
}

function withArticle(typeName: string): string {
  if (typeName === 'null') {
    return 'null';
  }
  return /^[aeiou]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`;
}

function describeExpectedType(type: unknown): string {
  const typeNames = Array.isArray(type) ? type : [type];
  return typeNames.map((typeName) => withArticle(String(typeName))).join(' or ');
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Names the first character that a text pattern rejects, and its position in characters. */
function describeBadCharacter(text: string, singleLine: boolean): string {
  let position = 0;
  for (const char of text) {
    position += 1;
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      return `an unpaired UTF-16 surrogate (${codePoint(char)}, a broken emoji or \\u escape) at character ${position}`;
    }
    if (BIDI_CONTROLS.test(char)) {
      return `the bidirectional override character ${codePoint(char)}, which can make text display in a different order than it is stored, at character ${position}`;
    }
    const isLineBreak = char === '\n' || char === '\r' || char === '\t';
    if (isLineBreak && singleLine) {
      return `a line break or tab (${codePoint(char)}) at character ${position}, which this single-line field cannot contain`;
    }
    if (!isLineBreak && (code < 0x20 || (code >= 0x7f && code <= 0x9f))) {
      return `the control character ${codePoint(char)} at character ${position}`;
    }
  }
  return 'a character that is not allowed';
}

/** Name of the `$defs` entry that produced an error, such as `notBlank` for `#/$defs/notBlank/pattern`. */
function definitionName(schemaPath: string): string | undefined {
  return /#\/\$defs\/([A-Za-z]+)\//.exec(schemaPath)?.[1];
}

/**
 * Converts one Ajv error (made with `verbose: true`, so `data` is set) into a problem
 * whose message names the JSON path and, for terms, the term's prompt via `locate`.
 */
export function schemaErrorToProblem(error: ErrorObject, locate: (pointer: string) => string): PackProblem {
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty);
      const pointer = `${error.instancePath}/${property}`;
      return {
        code: 'missing-property',
        message: `Required property "${property}" is missing at ${locate(error.instancePath)}.`,
        path: jsonPointerToPath(pointer),
      };
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      return {
        code: 'unknown-property',
        message: `Unknown property "${property}" at ${locate(error.instancePath)}; format version 1 has no such property. Check its spelling.`,
        path: jsonPointerToPath(`${error.instancePath}/${property}`),
      };
    }
    case 'type':
      if (typeof data === 'number' && !Number.isFinite(data)) {
        return {
          code: 'out-of-range',
          message: `${locate(error.instancePath)} is ${String(data)}: the number in the file is too large to store.`,
          path: jsonPointerToPath(error.instancePath),
        };
      }
      return {
        code: 'wrong-type',
        message: `${locate(error.instancePath)} must be ${describeExpectedType(params.type)}, but it is ${describeType(data)}.`,
        path: jsonPointerToPath(error.instancePath),
      };
    case 'pattern':
      return patternProblem(error, locate);
    case 'not':
      return {
        code: 'script-url',
        message: `${locate(error.instancePath)} starts with a javascript:, vbscript: or data: URL, which could run code if opened as a link; use plain text or an http(s) link.`,
        path: jsonPointerToPath(error.instancePath),
      };
    case 'maxLength': {
      const length = typeof data === 'string' ? [...data].length : 0;
      return {
        code: 'text-too-long',
        message: `${locate(error.instancePath)} is ${length} characters long; the limit is ${String(params.limit)}.`,
        path: jsonPointerToPath(error.instancePath),
      };
    }
    case 'minItems':
      return {
        code: 'too-few-items',
        message: `${locate(error.instancePath)} has ${Array.isArray(data) ? data.length : 0} items; it needs at least ${String(params.limit)}.`,
        path: jsonPointerToPath(error.instancePath),
      };
    case 'maxItems':
      return {
        code: 'too-many-items',
        message: `${locate(error.instancePath)} has ${Array.isArray(data) ? data.length : 0} items; the limit is ${String(params.limit)}.`,
        path: jsonPointerToPath(error.instancePath),
      };
    case 'minimum':
    case 'maximum':
      return {
        code: 'out-of-range',
        message: `${locate(error.instancePath)} is ${String(data)}; it must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}.`,
        path: jsonPointerToPath(error.instancePath),
      };
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue];
      return {
        code: 'invalid-value',
        message: `${locate(error.instancePath)} is ${JSON.stringify(data)}; allowed: ${allowed.map((value) => JSON.stringify(value)).join(', ')}.`,
        path: jsonPointerToPath(error.instancePath),
      };
    }
    default:
      return {
        code: 'invalid-value',
        message: `${locate(error.instancePath)} is invalid: ${error.message ?? error.keyword}.`,
        path: jsonPointerToPath(error.instancePath),
      };
  }
}

function patternProblem(error: ErrorObject, locate: (pointer: string) => string): PackProblem {
  const where = locate(error.instancePath);
  const path = jsonPointerToPath(error.instancePath);
  const text = typeof error.data === 'string' ? error.data : '';
  switch (definitionName(error.schemaPath)) {
    case 'notBlank':
      return { code: 'empty-text', message: `${where} is empty; it needs some text.`, path };
    case 'singleLine':
    case 'multiLine':
      return {
        code: 'control-character',
        message: `${where} contains ${describeBadCharacter(text, definitionName(error.schemaPath) === 'singleLine')}; remove it.`,
        path,
      };
    case 'id':
      return {
        code: 'invalid-id',
        message: `${where} is ${JSON.stringify(text)}; an id is 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit.`,
        path,
      };
    default:
      return { code: 'invalid-value', message: `${where} is ${JSON.stringify(text)}, which has the wrong form.`, path };
  }
}

/** Converts Ajv errors to problems, dropping repeats of the same problem at the same place. */
export function schemaErrorsToProblems(errors: readonly ErrorObject[], locate: (pointer: string) => string): PackProblem[] {
  const seen = new Set<string>();
  const problems: PackProblem[] = [];
  for (const error of errors) {
    const problem = schemaErrorToProblem(error, locate);
    const key = `${problem.code} ${problem.path ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
