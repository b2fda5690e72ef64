import Papa from 'papaparse';
import { MAX_REPORTED_PROBLEMS } from './limits';
import { lineAndColumnOfOffset } from './parse-pack-json';
import { PackReadError, fail, type PackProblem } from './pack-problems';
import { schemaErrorsToProblems } from './schema-problems';
import { MAX_TERMS, termListRowValidator } from './schema-validators';

export type Delimiter = '\t' | ',' | ';';
export type ColumnRole = 'prompt' | 'definition' | 'subdomain';

export const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

export const DELIMITER_NAMES: Record<Delimiter, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon' };

/** One data row of a term list, with the 1-based line where it starts in the file. */
export interface TermListRow {
  line: number;
  prompt: string;
  definition: string;
  /** '' when the row names no subdomain. */
  subdomain: string;
}

export interface TermList {
  delimiter: Delimiter;
  /** False when the caller chose the delimiter instead of letting it be detected. */
  delimiterDetected: boolean;
  hasHeader: boolean;
  headerDetected: boolean;
  /** Cells of the header row, or null without one. */
  header: string[] | null;
  /** Role of each column, left to right. */
  columns: ColumnRole[];
  rows: TermListRow[];
}

export interface TermListOptions {
  /** Overrides detection; the import preview offers this when detection guessed wrong. */
  delimiter?: Delimiter;
  hasHeader?: boolean;
  /** Delimiter to prefer when two fit equally well, such as ',' for a .csv file. */
  preferredDelimiter?: Delimiter;
}

/** Header cells recognized in any order, lower-cased. Other tools call the columns front and back. */
const HEADER_NAMES: Record<string, ColumnRole> = {
  term: 'prompt',
  terms: 'prompt',
  prompt: 'prompt',
  front: 'prompt',
  question: 'prompt',
  word: 'prompt',
  concept: 'prompt',
  definition: 'definition',
  definitions: 'definition',
  back: 'definition',
  answer: 'definition',
  meaning: 'definition',
  subdomain: 'subdomain',
  topic: 'subdomain',
  category: 'subdomain',
  section: 'subdomain',
  chapter: 'subdomain',
  deck: 'subdomain',
};

interface RawRow {
  line: number;
  cells: string[];
}

/** Returns 1-based line numbers of offsets in `text`, for offsets that never decrease. */
function lineCounter(text: string): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset) => {
    for (; position < offset && position < text.length; position++) {
      if (text.charCodeAt(position) === 0x0a) {
        line += 1;
      }
    }
    return line;
  };
}

/**
 * Splits `text` into rows with papaparse, keeping each row's first line number.
 * `rowLimit` stops early, for delimiter detection; quote errors raise only when
 * `reportQuotes` is set.
 */
function splitRows(text: string, delimiter: Delimiter, fileLabel: string, reportQuotes: boolean, rowLimit = 0): RawRow[] {
  const rows: RawRow[] = [];
  const lineAt = lineCounter(text);
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: 'greedy',
    preview: rowLimit,
    step: (result) => {
      // The row starts after the blank lines that papaparse skipped.
      let start = rowStart;
      while (start < text.length && /\s/.test(text[start] as string) && text[start] !== delimiter) {
        start += 1;
      }
      const quoteError = result.errors.find((error) => error.type === 'Quotes');
      if (quoteError !== undefined && reportQuotes) {
        const where = lineAndColumnOfOffset(text, quoteError.index ?? start);
        fail({
          code: 'csv-unclosed-quote',
          message: `${fileLabel}, line ${where.line}: a quoted cell near column ${where.column} has no closing quote, or text follows its closing quote. Put a quoted cell between two double quotes and write a quote inside it as "".`,
          line: where.line,
          column: where.column,
        });
      }
      rows.push({ line: lineAt(start), cells: result.data.map((cell) => cell.trim()) });
      rowStart = result.meta.cursor;
    },
  });
  return rows;
}

/** Returns how well `rows` fit a term list: 1 when every row has the same count of 2 or 3 cells. */
function fitScore(rows: readonly RawRow[]): number {
  if (rows.length === 0) {
    return 0;
  }
  const first = rows[0]?.cells.length ?? 0;
  if (first < 2 || first > 3) {
    return 0;
  }
  return rows.filter((row) => row.cells.length === first).length / rows.length;
}

function meanFirstCellLength(rows: readonly RawRow[]): number {
  return rows.reduce((sum, row) => sum + (row.cells[0]?.length ?? 0), 0) / Math.max(rows.length, 1);
}

/** Rows read to detect the delimiter; enough to see rows that a wrong delimiter splits unevenly. */
const DETECTION_ROWS = 200;

/**
 * Picks the delimiter that splits the most rows into the same 2 or 3 cells. When two
 * fit equally, as in "API;a contract, in short", the one giving the shorter first cell
 * wins, because a term is usually shorter than its definition. `preferred` breaks a
 * remaining tie.
 */
function detectDelimiter(text: string, preferred: Delimiter | undefined, fileLabel: string): Delimiter {
  const order = preferred === undefined ? DELIMITERS : [preferred, ...DELIMITERS.filter((d) => d !== preferred)];
  let best: Delimiter = order[0] as Delimiter;
  let bestFit = -1;
  let bestFirstCell = Infinity;
  for (const delimiter of order) {
    const rows = splitRows(text, delimiter, fileLabel, false, DETECTION_ROWS);
    const fit = fitScore(rows);
    const firstCell = meanFirstCellLength(rows);
    if (fit > bestFit || (fit === bestFit && fit > 0 && firstCell < bestFirstCell)) {
      best = delimiter;
      bestFit = fit;
      bestFirstCell = firstCell;
    }
  }
  return best;
}

function headerRoles(cells: readonly string[]): ColumnRole[] | null {
  const roles = cells.map((cell) => HEADER_NAMES[cell.toLowerCase()]);
  const known = roles.filter((role): role is ColumnRole => role !== undefined);
  const distinct = new Set(known);
  const complete = known.length === cells.length && distinct.size === cells.length;
  return complete && distinct.has('prompt') && distinct.has('definition') ? known : null;
}

const POSITIONAL_ROLES: readonly ColumnRole[] = ['prompt', 'definition', 'subdomain'];

function checkColumnCounts(rows: readonly RawRow[], expected: number, fileLabel: string, delimiter: Delimiter): PackProblem[] {
  const separator = DELIMITER_NAMES[delimiter];
  const first = rows[0];
  if (first !== undefined && (expected < 2 || expected > 3)) {
    return [
      {
        code: expected < 2 ? 'csv-too-few-columns' : 'csv-too-many-columns',
        message: `${fileLabel}, line ${first.line} has ${expected} ${expected === 1 ? 'column' : 'columns'} when split at each ${separator}; a term list has 2 (term, definition) or 3 (term, definition, subdomain). Quote a cell that contains a ${separator}.`,
        line: first.line,
      },
    ];
  }
  const problems: PackProblem[] = [];
  for (const row of rows) {
    const count = row.cells.length;
    if (count !== expected) {
      problems.push({
        code: 'csv-ragged-row',
        message: `${fileLabel}, line ${row.line} has ${count} ${count === 1 ? 'column' : 'columns'} but the first row has ${expected}; every row needs the same columns. Quote a cell that contains a ${separator}.`,
        line: row.line,
      });
    }
    if (problems.length > MAX_REPORTED_PROBLEMS) {
      break;
    }
  }
  return problems;
}

function rowProblems(rows: readonly TermListRow[]): PackProblem[] {
  const validate = termListRowValidator;
  const problems: PackProblem[] = [];
  for (const row of rows) {
    const candidate: Record<string, string> = { prompt: row.prompt, definition: row.definition };
    if (row.subdomain !== '') {
      candidate.subdomain = row.subdomain;
    }
    if (validate(candidate)) {
      continue;
    }
    const columnName: Record<string, string> = { '/prompt': 'term', '/definition': 'definition', '/subdomain': 'subdomain' };
    const locate = (pointer: string): string => `The ${columnName[pointer] ?? 'row'} on line ${row.line}`;
    for (const problem of schemaErrorsToProblems(validate.errors ?? [], locate)) {
      problems.push({ code: problem.code, message: problem.message, line: row.line });
    }
    if (problems.length > MAX_REPORTED_PROBLEMS) {
      break;
    }
  }
  return problems;
}

function raise(problems: readonly PackProblem[]): never {
  throw new PackReadError(problems.slice(0, MAX_REPORTED_PROBLEMS), Math.max(0, problems.length - MAX_REPORTED_PROBLEMS));
}

/**
 * Reads a CSV or TSV term list. It has term and definition columns, an optional
 * subdomain column and an optional header row. Cells are separated by tab, comma or
 * semicolon, detected unless `options` sets one, and may be double-quoted.
 * Raises a PackReadError naming the line of an unclosed quote, a row with the wrong
 * number of columns, an empty or over-long cell, or a file with only a header.
 */
export function parseTermList(text: string, fileLabel: string, options: TermListOptions = {}): TermList {
  const delimiter = options.delimiter ?? detectDelimiter(text, options.preferredDelimiter, fileLabel);
  const raw = splitRows(text, delimiter, fileLabel, true);
  const first = raw[0];
  if (first === undefined) {
    fail({ code: 'empty-file', message: `${fileLabel} has no rows.` });
  }
  const detectedRoles = headerRoles(first.cells);
  const hasHeader = options.hasHeader ?? detectedRoles !== null;
  const columnCount = first.cells.length;
  const columns = (hasHeader ? detectedRoles : null) ?? POSITIONAL_ROLES.slice(0, columnCount);
  const dataRows = hasHeader ? raw.slice(1) : raw;
  if (dataRows.length === 0) {
    fail({
      code: 'csv-only-header',
      message: `${fileLabel} has a header row (line ${first.line}) but no terms below it.`,
      line: first.line,
    });
  }
  const countProblems = checkColumnCounts(raw, columnCount, fileLabel, delimiter);
  if (countProblems.length > 0) {
    raise(countProblems);
  }
  if (dataRows.length > MAX_TERMS) {
    fail({
      code: 'csv-too-many-rows',
      message: `${fileLabel} has ${dataRows.length} rows; the limit is ${MAX_TERMS} terms per import. Split the file.`,
    });
  }
  const rows = dataRows.map((row): TermListRow => {
    const cell = (role: ColumnRole): string => {
      const index = columns.indexOf(role);
      return index === -1 ? '' : (row.cells[index] ?? '');
    };
    return { line: row.line, prompt: cell('prompt'), definition: cell('definition'), subdomain: cell('subdomain') };
  });
  const problems = rowProblems(rows);
  if (problems.length > 0) {
    raise(problems);
  }
  return {
    delimiter,
    delimiterDetected: options.delimiter === undefined,
    hasHeader,
    headerDetected: detectedRoles !== null,
    header: hasHeader ? first.cells : null,
    columns,
    rows,
  };
}
