// Grades (answer, reference) pairs from a file or standard input with the bundled model,
// through the same grading module, WebAssembly backend and calibration as the app.
// Run: npm run grade -- [--threshold X] [--model DIR] [FILE|-]

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { parseGradeLine, splitInputLines, type ParsedLine } from '../src/grading/grade-lines';
import { loadGraderFromFolder } from '../src/grading/node/load-grader';
import type { GradeRequest } from '../src/grading/types';

const EXIT_MALFORMED_LINES = 1;
const EXIT_USAGE_OR_MODEL_ERROR = 2;

const HELP = `Usage: npm run grade -- [options] [FILE]

Grades one answer per line against its reference definitions with the bundled model.

Input (FILE, or standard input when FILE is absent or "-"), UTF-8, one pair per line:
  answer<TAB>reference[<TAB>reference...]
Empty fields after the last reference are ignored.

Output, one line per input line, in input order:
  score<TAB>verdict<TAB>bestReferenceIndex
  score: calibrated score from 0 to 1, 4 decimals; verdict: pass or fail;
  bestReferenceIndex: 0-based index of the reference that gave the score.
A malformed line (no tab, empty answer, no or empty reference) prints "<TAB>error<TAB>"
to keep lines aligned and a message naming its line number on standard error.

Options:
  --threshold X  pass threshold, a number from 0 to 1 (default: the model manifest's)
  --model DIR    model folder with manifest.json (default: the default model in public/models)
  -h, --help     print this help

Exit status: 0 when every line was graded, 1 when some lines were malformed,
2 on a usage error or when the model cannot be loaded.`;

interface Options {
  input: string;
  threshold: number | undefined;
  modelFolder: string | undefined;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      threshold: { type: 'string' },
      model: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    return 'help';
  }
  if (positionals.length > 1) {
    throw new UsageError(`expected at most one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (values.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new UsageError(`--threshold ${JSON.stringify(values.threshold)} is invalid; use a number from 0 to 1`);
    }
  }
  return { input: positionals[0] ?? '-', threshold, modelFolder: values.model };
}

async function readInput(input: string): Promise<string> {
  if (input !== '-') {
    return readFile(input, 'utf8');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`grade: ${message}\nRun "npm run grade -- --help" for usage.\n`);
    return EXIT_USAGE_OR_MODEL_ERROR;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }

  let text: string;
  try {
    text = await readInput(options.input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`grade: could not read input ${options.input}: ${message}\n`);
    return EXIT_USAGE_OR_MODEL_ERROR;
  }
  const parsed: ParsedLine[] = splitInputLines(text).map((line, index) => parseGradeLine(line, index + 1));

  let grader;
  try {
    grader = await loadGraderFromFolder(options.modelFolder);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`grade: could not load the model: ${message}\n`);
    return EXIT_USAGE_OR_MODEL_ERROR;
  }

  const requests: GradeRequest[] = [];
  for (const line of parsed) {
    if (line.ok) {
      requests.push(line.request);
    } else {
      process.stderr.write(`grade: line ${line.lineNumber}: ${line.problem}\n`);
    }
  }
  const results = await grader.gradeBatch(requests, options.threshold);
  await grader.dispose();

  const output: string[] = [];
  let resultIndex = 0;
  for (const line of parsed) {
    if (!line.ok) {
      output.push('\terror\t');
      continue;
    }
    const result = results[resultIndex++];
    if (!result) {
      throw new Error(`the grader returned ${results.length} results for ${requests.length} valid lines`);
    }
    output.push(`${result.score.toFixed(4)}\t${result.verdict}\t${result.bestReferenceIndex}`);
  }
  process.stdout.write(output.length > 0 ? `${output.join('\n')}\n` : '');
  return parsed.every((line) => line.ok) ? 0 : EXIT_MALFORMED_LINES;
}

process.exitCode = await main();
