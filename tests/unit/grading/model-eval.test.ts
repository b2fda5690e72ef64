// Pieces of the model evaluation that must agree with the Python pipeline and scipy.

import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { dataFolder, isHeldOutQuestion, loadSemevalHeldOut, parseQuestionFile } from '../../../scripts/eval/datasets';
import { recordedFp32Figures, writeManifestMetrics } from '../../../scripts/eval/report';
import { accuracy, averageRanks, macroF1, spearman } from '../../../scripts/eval/statistics';
import type { ModelManifest } from '../../../src/grading/manifest';
import { DEFAULT_MODEL_FOLDER, readModelJson } from './model-folder';

describe('SemEval held-out split', () => {
  // Values from scripts/model/data.py question_bucket() on the same ids.
  it.each([
    ['beetle/BULB_C_VOLTAGE_EXPLAIN_WHY1', true],
    ['beetle/BULB_C_VOLTAGE_EXPLAIN_WHY2', false],
    ['beetle/BULB_C_VOLTAGE_EXPLAIN_WHY6', false],
    ['beetle/BURNED_BULB_PARALLEL_EXPLAIN_Q1', true],
    ['sciEntsBank/VB_42', true],
    ['sciEntsBank/VB_5a', false],
  ])('%s held out: %s', (questionId, heldOut) => {
    expect(isHeldOutQuestion(questionId)).toBe(heldOut);
  });

  const semevalFolder = join(dataFolder(), 'semeval2013', 'training', '2way');
  it.skipIf(!existsSync(semevalFolder))('selects the answers the Python pipeline holds out', async () => {
    // scripts/model/data.py: 2047 held-out answers from 39 questions, 5668 (answer, reference) pairs.
    const answers = await loadSemevalHeldOut();
    expect(answers).toHaveLength(2047);
    expect(new Set(answers.map((answer) => answer.questionId)).size).toBe(39);
    expect(answers.reduce((total, answer) => total + answer.references.length, 0)).toBe(5668);
  }, 60_000);
});

describe('SemEval question parsing', () => {
  const xml = `<?xml version="1.0"?>
<question id="Q1" module="M">
  <questionText>Why?</questionText>
  <referenceAnswers>
    <referenceAnswer id="r1" category="BEST">  Because of 2 &amp; 3 &lt;volts&gt;  </referenceAnswer>
    <referenceAnswer id="r2">   </referenceAnswer>
    <referenceAnswer id="r1">Replaced text for r1</referenceAnswer>
    <referenceAnswer id="r3">42</referenceAnswer>
  </referenceAnswers>
  <studentAnswers>
    <studentAnswer id="s1" accuracy="correct">  2 </studentAnswer>
    <studentAnswer id="s2" accuracy="incorrect">no idea</studentAnswer>
    <studentAnswer id="s3" accuracy="correct">   </studentAnswer>
  </studentAnswers>
</question>`;

  it('reads references like the Python reader', () => {
    const answers = parseQuestionFile('beetle', xml, 'Q1.xml');
    expect(answers).toHaveLength(2);
    expect(answers[0]?.questionId).toBe('beetle/Q1');
    expect(answers[0]?.references).toEqual(['Replaced text for r1', '42']);
  });

  it('keeps answer text as trimmed strings', () => {
    const answers = parseQuestionFile('beetle', xml, 'Q1.xml');
    expect(answers.map((answer) => answer.answer)).toEqual(['2', 'no idea']);
    expect(answers.map((answer) => answer.correct)).toEqual([true, false]);
  });

  it('decodes entities', () => {
    const single = xml.replace('<referenceAnswer id="r1">Replaced text for r1</referenceAnswer>', '');
    expect(parseQuestionFile('beetle', single, 'Q1.xml')[0]?.references[0]).toBe('Because of 2 & 3 <volts>');
  });

  it('rejects a file without a question element', () => {
    expect(() => parseQuestionFile('beetle', '<other/>', 'bad.xml')).toThrow(/bad.xml: expected a <question id/);
  });
});

describe('evaluation statistics', () => {
  it('averages tied ranks', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('matches scipy spearmanr with ties', () => {
    // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 4, 6]).statistic
    expect(spearman([1, 2, 2, 3, 5], [2, 1, 4, 4, 6])).toBeCloseTo(0.7631578947368421, 12);
  });

  it('gives 1 and -1 for monotonic series', () => {
    expect(spearman([1, 2, 3], [10, 200, 3000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('computes accuracy and macro-F1', () => {
    const actual = [true, true, false, false];
    const predicted = [true, false, false, false];
    expect(accuracy(actual, predicted)).toBe(0.75);
    // F1(correct) = 2/3, F1(incorrect) = 0.8
    expect(macroF1(actual, predicted)).toBeCloseTo((2 / 3 + 0.8) / 2, 12);
  });
});

describe('manifest metrics', () => {
  it('replaces only the metrics field', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tutor-metrics-'));
    const path = join(folder, 'manifest.json');
    await copyFile(join(DEFAULT_MODEL_FOLDER, 'manifest.json'), path);
    const before = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

    await writeManifestMetrics(path, { stsb: { int8TestSpearman: 0.8612 } });
    const text = await readFile(path, 'utf8');
    await rm(folder, { recursive: true, force: true });

    const after = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after.metrics).toEqual({ stsb: { int8TestSpearman: 0.8612 } });
    expect({ ...after, metrics: null }).toEqual({ ...before, metrics: null });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "format": ');
  });

  it('reads fp32 figures recorded by the Python build', () => {
    const manifest = {
      ...(readModelJson('manifest.json') as ModelManifest),
      build: { fp32: { stsb_dev_spearman: 0.87, stsb_test_spearman: 0.86 } },
    };
    expect(recordedFp32Figures(manifest)).toMatchObject({ stsbDevSpearman: 0.87, stsbTestSpearman: 0.86 });
    expect(recordedFp32Figures(manifest)?.source).toMatch(/recorded at build time/);
  });

  it('finds no fp32 figures in an empty record', () => {
    const manifest = { ...(readModelJson('manifest.json') as ModelManifest), build: {}, metrics: {} };
    expect(recordedFp32Figures(manifest)).toBeNull();
  });
});
