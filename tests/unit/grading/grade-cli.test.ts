import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseGradeLine, splitInputLines } from '../../../src/grading/grade-lines';
import { REPO_ROOT } from '../../../src/grading/node/load-grader';
import { MODEL_LOAD_TIMEOUT_MS } from './model-folder';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runGrade(args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [join(REPO_ROOT, 'scripts', 'grade.ts'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const ROW = /^\d\.\d{4}\t(pass|fail)\t\d+$/;

describe('grade CLI', () => {
  let folder: string;
  let inputPath: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tutor-grade-'));
    inputPath = join(folder, 'answers.tsv');
    await writeFile(
      inputPath,
      [
        'a contract between services\tan agreed-upon interface',
        'rapid\tdemocracy\tfast\tquick',
        'this line has no tab',
        'blue\tdemocracy',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it(
    'grades a file with one malformed line',
    async () => {
      const { code, stdout, stderr } = await runGrade([inputPath]);
      const rows = stdout.split('\n');
      expect(rows.pop()).toBe('');
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatch(ROW);
      expect(rows[1]).toMatch(ROW);
      expect(rows[2]).toBe('\terror\t');
      expect(rows[3]).toMatch(ROW);
      expect(rows[3]?.split('\t')[2]).toBe('0');
      expect(stderr).toContain('line 3: no tab');
      expect(code).toBe(1);
    },
    MODEL_LOAD_TIMEOUT_MS,
  );

  it(
    'reads standard input and applies --threshold',
    async () => {
      const passAll = await runGrade(['--threshold', '0', '-'], 'rapid\tfast\nblue\tdemocracy\n');
      expect(passAll.code).toBe(0);
      expect(passAll.stdout.split('\n').slice(0, 2).map((row) => row.split('\t')[1])).toEqual(['pass', 'pass']);
      const failAll = await runGrade(['--threshold', '1'], 'rapid\tfast\n');
      expect(failAll.stdout.split('\t')[1]).toBe('fail');
    },
    MODEL_LOAD_TIMEOUT_MS,
  );

  it('rejects an invalid threshold', async () => {
    const { code, stderr } = await runGrade(['--threshold', 'high', inputPath]);
    expect(code).toBe(2);
    expect(stderr).toContain('--threshold "high" is invalid');
  }, MODEL_LOAD_TIMEOUT_MS);

  it('reports a missing model folder', async () => {
    const { code, stderr } = await runGrade(['--model', join(folder, 'no-model')], 'rapid\tfast\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/could not load the model: .*no-model\/manifest\.json/);
  }, MODEL_LOAD_TIMEOUT_MS);

  it('prints help', async () => {
    const { code, stdout } = await runGrade(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('score<TAB>verdict<TAB>bestReferenceIndex');
  }, MODEL_LOAD_TIMEOUT_MS);
});

describe('grade input lines', () => {
  it('splits LF and CRLF lines and drops a BOM', () => {
    expect(splitInputLines('\uFEFFa\tb\r\nc\td\n')).toEqual(['a\tb', 'c\td']);
    expect(splitInputLines('')).toEqual([]);
    expect(splitInputLines('a\tb')).toEqual(['a\tb']);
  });

  it('parses several references', () => {
    expect(parseGradeLine('rapid\tfast\tquick', 1)).toEqual({ lineNumber: 1, ok: true, request: { answer: 'rapid', references: ['fast', 'quick'] } });
  });

  it('ignores trailing empty fields', () => {
    expect(parseGradeLine('rapid\tfast\t\t', 2)).toEqual({ lineNumber: 2, ok: true, request: { answer: 'rapid', references: ['fast'] } });
  });

  it.each([
    ['no tab', 'rapid fast', /no tab/],
    ['an empty line', '', /the line is empty/],
    ['an empty answer', ' \tfast', /answer \(first field\) is empty/],
    ['no reference', 'rapid\t', /no reference after the answer/],
    ['an empty middle reference', 'rapid\tfast\t \tquick', /reference 1 \(field 3\) is empty/],
  ])('rejects %s', (_, line, problem) => {
    const parsed = parseGradeLine(line, 7);
    expect(parsed.ok).toBe(false);
    expect(parsed.lineNumber).toBe(7);
    expect(parsed.ok ? '' : parsed.problem).toMatch(problem);
  });
});
