import { MAX_JSON_DEPTH, MAX_REPORTED_PROBLEMS } from './limits';
import { PackReadError, fail, jsonPath, type PackProblem } from './pack-problems';

/** Keys that could reach an object's prototype if any later code copied the parsed value with plain assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface ObjectFrame {
  kind: 'object';
  keys: Set<string>;
  expectingKey: boolean;
  key: string;
}

interface ArrayFrame {
  kind: 'array';
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

/** Returns the 1-based line and column of character `offset` in `text`. */
export function lineAndColumnOfOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function pathOf(stack: readonly Frame[]): string {
  return jsonPath(stack.map((frame) => (frame.kind === 'object' ? frame.key : frame.index)));
}

/**
 * Scans JSON text without building it, to raise on nesting deeper than MAX_JSON_DEPTH
 * before JSON.parse or a recursive validator reads it, and returns the duplicate keys
 * in any object, which JSON.parse would silently resolve to the last value.
 * Syntax errors are left for JSON.parse to report.
 */
function scanJsonStructure(text: string): PackProblem[] {
  const stack: Frame[] = [];
  const duplicates: PackProblem[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      const start = index;
      index += 1;
      while (index < text.length && text[index] !== '"') {
        index += text[index] === '\\' ? 2 : 1;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectingKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(start, index + 1)) as string;
        } catch {
          return duplicates; // JSON.parse reports the broken string.
        }
        if (top.keys.has(key)) {
          const { line, column } = lineAndColumnOfOffset(text, start);
          top.key = key;
          const path = pathOf(stack);
          duplicates.push({
            code: 'duplicate-key',
            message: `Key "${key}" appears twice in the same object at ${path} (line ${line}, column ${column}); keep one.`,
            path,
            line,
            column,
          });
        }
        top.keys.add(key);
        top.key = key;
        top.expectingKey = false;
      }
    } else if (char === '{' || char === '[') {
      if (stack.length >= MAX_JSON_DEPTH) {
        const { line, column } = lineAndColumnOfOffset(text, index);
        fail({
          code: 'too-deep',
          message: `The JSON nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (at line ${line}, column ${column}); a pack needs 4.`,
          line,
          column,
        });
      }
      stack.push(char === '{' ? { kind: 'object', keys: new Set(), expectingKey: true, key: '' } : { kind: 'array', index: 0 });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') {
        top.expectingKey = true;
      } else if (top?.kind === 'array') {
        top.index += 1;
      }
    }
    index += 1;
  }
  return duplicates;
}

/** Returns the position JSON.parse reported in its message, in the formats of V8 and Firefox. */
function syntaxErrorPosition(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) {
    return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  }
  const position = /position (\d+)/.exec(message);
  if (position !== null) {
    return lineAndColumnOfOffset(text, Number(position[1]));
  }
  if (/end of (JSON|data)/i.test(message)) {
    return lineAndColumnOfOffset(text, text.length);
  }
  return undefined;
}

/**
 * Checks whether the text ends inside a string or with a bracket still open, as a file
 * cut short by a failed download or copy does. V8 reports such a file by the character
 * where it stopped, which does not say that the rest is missing.
 */
function endsBeforeJsonIsComplete(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const character of text) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (character === '\\') {
        escaped = true;
      } else if (character === '"') {
        inString = false;
      }
    } else if (character === '"') {
      inString = true;
    } else if (character === '{' || character === '[') {
      depth += 1;
    } else if (character === '}' || character === ']') {
      depth -= 1;
    }
  }
  return inString || depth > 0;
}

function findForbiddenKeys(value: unknown, segments: (string | number)[], found: PackProblem[]): void {
  if (found.length >= MAX_REPORTED_PROBLEMS || typeof value !== 'object' || value === null) {
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findForbiddenKeys(item, [...segments, index], found));
    return;
  }
  for (const key of Object.keys(value)) {
    const path = jsonPath([...segments, key]);
    if (FORBIDDEN_KEYS.has(key)) {
      found.push({
        code: 'forbidden-key',
        message: `The key "${key}" at ${path} is not allowed in a pack; remove it.`,
        path,
      });
      continue;
    }
    findForbiddenKeys((value as Record<string, unknown>)[key], [...segments, key], found);
  }
}

/**
 * Parses the text of a pack file into a plain object. Raises a PackReadError when the
 * text is an HTML page, nests too deep, is not JSON, or is not a JSON object. It also
 * raises for a key repeated within one object, and for `__proto__`, `constructor` and
 * `prototype` keys, which could reach an object's prototype. Syntax errors name the
 * line and column.
 */
export function parsePackJson(fileText: string, fileLabel: string): Record<string, unknown> {
  const text = fileText.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('<')) {
    fail({
      code: 'html-page',
      message: `${fileLabel} is an HTML page, not a pack. If it came from a link, use the link to the raw .json file rather than to a page that shows it.`,
    });
  }
  const duplicates = scanJsonStructure(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (endsBeforeJsonIsComplete(text)) {
      const end = lineAndColumnOfOffset(text, text.trimEnd().length);
      fail({
        code: 'invalid-json',
        message:
          `${fileLabel} ends at line ${end.line} before its JSON is complete, so the file was probably cut short ` +
          'while it was downloaded or copied. Get the whole file again.',
        ...end,
      });
    }
    const where = syntaxErrorPosition(text, detail);
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.column}`;
    fail({
      code: 'invalid-json',
      message: `${fileLabel} is not valid JSON${at}: ${detail}`,
      ...where,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    let kind = `a ${typeof value}`;
    if (Array.isArray(value)) {
      kind = 'an array';
    } else if (value === null) {
      kind = 'null';
    }
    fail({
      code: 'not-an-object',
      message: `${fileLabel} contains ${kind}; a pack is a JSON object that starts with {"format": "know-it-all-tutor-pack", ...}.`,
      path: '$',
    });
  }
  const problems = [...duplicates];
  findForbiddenKeys(value, [], problems);
  if (problems.length > 0) {
    throw new PackReadError(problems.slice(0, MAX_REPORTED_PROBLEMS), Math.max(0, problems.length - MAX_REPORTED_PROBLEMS));
  }
  return value as Record<string, unknown>;
}
