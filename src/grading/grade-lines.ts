// Parsing of the grade CLI's input: one `answer<TAB>reference[<TAB>reference…]` pair per
// line. Kept apart from the CLI so the rules can be tested without spawning it.

import type { GradeRequest } from './types';

export type ParsedLine =
  | { lineNumber: number; ok: true; request: GradeRequest }
  | { lineNumber: number; ok: false; problem: string };

/**
 * Splits input text into lines, dropping a final newline and a leading byte order mark,
 * and accepting both LF and CRLF line ends.
 */
export function splitInputLines(text: string): string[] {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (withoutBom === '') {
    return [];
  }
  const lines = withoutBom.split(/\r?\n/);
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/**
 * Parses one input line. Empty fields after the last reference are ignored, because
 * spreadsheets export rows with fewer references than others with trailing tabs.
 */
export function parseGradeLine(line: string, lineNumber: number): ParsedLine {
  if (!line.includes('\t')) {
    return {
      lineNumber,
      ok: false,
      problem: line.trim() === '' ? 'the line is empty' : 'no tab: expected answer<TAB>reference',
    };
  }
  const fields = line.split('\t');
  while (fields.length > 1 && (fields[fields.length - 1] as string).trim() === '') {
    fields.pop();
  }
  const [answer = '', ...references] = fields;
  if (answer.trim() === '') {
    return { lineNumber, ok: false, problem: 'the answer (first field) is empty' };
  }
  if (references.length === 0) {
    return { lineNumber, ok: false, problem: 'no reference after the answer' };
  }
  const emptyIndex = references.findIndex((reference) => reference.trim() === '');
  if (emptyIndex >= 0) {
    return { lineNumber, ok: false, problem: `reference ${emptyIndex} (field ${emptyIndex + 2}) is empty` };
  }
  return { lineNumber, ok: true, request: { answer, references } };
}
