// Computes the model's figures through the app's grading module: STS-B Spearman, SemEval
// held-out accuracy and macro-F1, order sensitivity and the named cases, then checks the
// targets the shipped model must meet.

import { sigmoid } from '../../src/grading/calibration';
import type { Grader } from '../../src/grading/grader';
import type { StsPair, StudentAnswer } from './datasets';
import type { Fp32Scorer } from './fp32-scorer';
import { accuracy, macroF1, meanAbsoluteDifference, spearman } from './statistics';

export interface NamedCase {
  answer: string;
  reference: string;
  expected: 'pass' | 'fail';
}

/** Cases the grader must order correctly: two paraphrases pass, an unrelated word and a negation fail. */
export const NAMED_CASES: readonly NamedCase[] = [
  { answer: 'a contract between services', reference: 'an agreed-upon interface', expected: 'pass' },
  { answer: 'rapid', reference: 'fast', expected: 'pass' },
  { answer: 'blue', reference: 'democracy', expected: 'fail' },
  { answer: 'the heart pumps blood', reference: 'the heart does not pump blood', expected: 'fail' },
];

export const TARGETS = {
  minInt8StsbTestSpearman: 0.85,
  maxInt8LossAgainstFp32: 0.01,
  maxOrderSensitivity: 0.03,
};

export interface Fp32Figures {
  source: string;
  stsbDevSpearman: number | null;
  stsbTestSpearman: number | null;
}

export interface CaseFigures extends NamedCase {
  score: number;
  logit: number;
  verdict: 'pass' | 'fail';
}

export interface TargetCheck {
  name: string;
  value: number | null;
  met: boolean;
}

export interface EvaluationFigures {
  model: { id: string; version: string; threshold: number; maxSequenceLength: number };
  evaluatedWith: string;
  stsb: {
    devPairs: number;
    testPairs: number;
    int8DevSpearman: number;
    int8TestSpearman: number;
    fp32: Fp32Figures;
    int8LossDev: number | null;
    int8LossTest: number | null;
  };
  semevalHeldOut: { questions: number; answers: number; threshold: number; accuracy: number; macroF1: number };
  orderSensitivity: { pairs: number; meanAbsDifferenceScore: number; meanAbsDifferenceSigmoidLogit: number };
  cases: CaseFigures[];
  targets: TargetCheck[];
}

export interface EvaluationInput {
  grader: Grader;
  stsbDev: StsPair[];
  stsbTest: StsPair[];
  semevalHeldOut: StudentAnswer[];
  /** The fp32 model, or figures recorded at build time when the fp32 file is absent. */
  fp32: { scorer: Fp32Scorer; source: string } | Fp32Figures;
  log: (message: string) => void;
}

async function stsbLogits(grader: Grader, pairs: StsPair[], reversed = false): Promise<Float32Array> {
  return grader.pairLogits(pairs.map((pair) => (reversed ? [pair.second, pair.first] : [pair.first, pair.second])));
}

async function fp32Figures(input: EvaluationInput): Promise<Fp32Figures> {
  if (!('scorer' in input.fp32)) {
    return input.fp32;
  }
  const { scorer, source } = input.fp32;
  const spearmanOf = async (pairs: StsPair[]): Promise<number> => {
    const encoded = pairs.map((pair) => input.grader.encode(pair.first, pair.second));
    return spearman(await scorer.logits(encoded), pairs.map((pair) => pair.score));
  };
  input.log('fp32: scoring STS-B dev and test with onnxruntime-node');
  return { source, stsbDevSpearman: await spearmanOf(input.stsbDev), stsbTestSpearman: await spearmanOf(input.stsbTest) };
}

async function semevalFigures(grader: Grader, answers: StudentAnswer[]): Promise<EvaluationFigures['semevalHeldOut']> {
  const threshold = grader.manifest.calibration.threshold;
  const results = await grader.gradeBatch(answers.map((answer) => ({ answer: answer.answer, references: answer.references })));
  const actual = answers.map((answer) => answer.correct);
  const predicted = results.map((result) => result.verdict === 'pass');
  return {
    questions: new Set(answers.map((answer) => answer.questionId)).size,
    answers: answers.length,
    threshold,
    accuracy: accuracy(actual, predicted),
    macroF1: macroF1(actual, predicted),
  };
}

function lossOf(fp32: number | null, int8: number): number | null {
  return fp32 === null ? null : fp32 - int8;
}

function checkTargets(figures: Omit<EvaluationFigures, 'targets'>): TargetCheck[] {
  const { stsb, orderSensitivity, cases } = figures;
  const checks: TargetCheck[] = [
    {
      name: `int8 STS-B test Spearman >= ${TARGETS.minInt8StsbTestSpearman}`,
      value: stsb.int8TestSpearman,
      met: stsb.int8TestSpearman >= TARGETS.minInt8StsbTestSpearman,
    },
    {
      name: `int8 loss against fp32 on STS-B test Spearman <= ${TARGETS.maxInt8LossAgainstFp32}`,
      value: stsb.int8LossTest,
      met: stsb.int8LossTest !== null && stsb.int8LossTest <= TARGETS.maxInt8LossAgainstFp32,
    },
    {
      name: `order sensitivity (mean |s(a, b) - s(b, a)|, calibrated score) <= ${TARGETS.maxOrderSensitivity}`,
      value: orderSensitivity.meanAbsDifferenceScore,
      met: orderSensitivity.meanAbsDifferenceScore <= TARGETS.maxOrderSensitivity,
    },
  ];
  for (const item of cases) {
    checks.push({
      name: `"${item.answer}" vs "${item.reference}" ${item.expected === 'pass' ? 'passes' : 'fails'}`,
      value: item.score,
      met: item.verdict === item.expected,
    });
  }
  return checks;
}

/** Runs every measurement; the slow parts report progress through `input.log`. */
export async function evaluate(input: EvaluationInput): Promise<EvaluationFigures> {
  const { grader } = input;

  input.log(`int8: scoring STS-B dev (${input.stsbDev.length} pairs)`);
  const devLogits = await stsbLogits(grader, input.stsbDev);
  input.log(`int8: scoring STS-B test in both orders (${input.stsbTest.length} pairs each)`);
  const testLogits = await stsbLogits(grader, input.stsbTest);
  const testLogitsReversed = await stsbLogits(grader, input.stsbTest, true);
  input.log(`int8: grading ${input.semevalHeldOut.length} held-out SemEval answers`);
  const semevalHeldOut = await semevalFigures(grader, input.semevalHeldOut);
  const fp32 = await fp32Figures(input);

  const int8DevSpearman = spearman(devLogits, input.stsbDev.map((pair) => pair.score));
  const int8TestSpearman = spearman(testLogits, input.stsbTest.map((pair) => pair.score));
  const caseResults = await grader.gradeBatch(NAMED_CASES.map((item) => ({ answer: item.answer, references: [item.reference] })));

  const figures: Omit<EvaluationFigures, 'targets'> = {
    model: grader.info,
    evaluatedWith:
      'npm run model:eval: the app grading module, onnxruntime-web WebAssembly backend in Node, one thread, one pair per run',
    stsb: {
      devPairs: input.stsbDev.length,
      testPairs: input.stsbTest.length,
      int8DevSpearman,
      int8TestSpearman,
      fp32,
      int8LossDev: lossOf(fp32.stsbDevSpearman, int8DevSpearman),
      int8LossTest: lossOf(fp32.stsbTestSpearman, int8TestSpearman),
    },
    semevalHeldOut,
    orderSensitivity: {
      pairs: input.stsbTest.length,
      meanAbsDifferenceScore: meanAbsoluteDifference(
        Array.from(testLogits, (logit) => grader.score(logit)),
        Array.from(testLogitsReversed, (logit) => grader.score(logit)),
      ),
      meanAbsDifferenceSigmoidLogit: meanAbsoluteDifference(
        Array.from(testLogits, sigmoid),
        Array.from(testLogitsReversed, sigmoid),
      ),
    },
    cases: NAMED_CASES.map((item, index) => {
      const result = caseResults[index];
      if (!result) {
        throw new Error(`no result for case ${index}`);
      }
      return { ...item, score: result.score, logit: result.logit, verdict: result.verdict };
    }),
  };
  return { ...figures, targets: checkTargets(figures) };
}
