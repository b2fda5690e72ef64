// Readers for the evaluation data in the shared data folder. They select and clean rows
// exactly as the Python pipeline (scripts/model/data.py) does, so figures from both
// sides describe the same rows.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { XMLParser } from 'fast-xml-parser';

import { REPO_ROOT } from '../../src/grading/node/load-grader';

/** Share of SemEval questions held out from training and calibration, chosen by a hash of the question id. */
export const HELD_OUT_QUESTION_SHARE = 0.25;

export const SEMEVAL_CORPORA = ['beetle', 'sciEntsBank'] as const;

export interface StsPair {
  first: string;
  second: string;
  /** Gold similarity from 0 to 5. */
  score: number;
}

export interface StudentAnswer {
  questionId: string;
  answer: string;
  references: string[];
  correct: boolean;
}

/** Returns the shared data folder: `TUTOR_DATA_DIR`, or `../shared/data` beside the repository. */
export function dataFolder(): string {
  return process.env.TUTOR_DATA_DIR ?? resolve(REPO_ROOT, '..', 'shared', 'data');
}

/** Reads STS-B `dev` or `test`: tab-separated genre, file, year, id, score, sentence 1, sentence 2. */
export async function loadStsb(split: 'dev' | 'test', folder: string = dataFolder()): Promise<StsPair[]> {
  const path = join(folder, 'stsb', `sts-${split}.csv`);
  const text = await readFile(path, 'utf8');
  const pairs: StsPair[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') {
      return;
    }
    // Some lines carry extra fields after sentence 2; they are ignored.
    const fields = line.split('\t');
    const [score, first, second] = [fields[4], fields[5], fields[6]];
    if (score === undefined || first === undefined || second === undefined) {
      throw new Error(`${path}:${index + 1}: expected at least 7 tab-separated fields, got ${fields.length}`);
    }
    const value = Number(score);
    if (score.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`${path}:${index + 1}: score ${JSON.stringify(score)} is not a number`);
    }
    pairs.push({ first, second, score: value });
  });
  return pairs;
}

/** Returns true when the question belongs to the held-out share: first sha256 byte / 256 < 0.25. */
export function isHeldOutQuestion(questionId: string): boolean {
  const firstByte = createHash('sha256').update(questionId, 'utf8').digest()[0] as number;
  return firstByte / 256 < HELD_OUT_QUESTION_SHARE;
}

interface XmlText {
  '#text'?: string;
  [attribute: `@_${string}`]: string | undefined;
}

interface QuestionXml {
  question?: {
    '@_id'?: string;
    referenceAnswers?: { referenceAnswer?: XmlText[] };
    studentAnswers?: { studentAnswer?: XmlText[] };
  };
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string, so an answer such as "2" stays text.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  alwaysCreateTextNode: true,
  isArray: (name) => name === 'referenceAnswer' || name === 'studentAnswer',
});

function textOf(node: XmlText): string {
  return (node['#text'] ?? '').trim();
}

/** Parses one SemEval question file into its answers; skips empty answers and questions without references. */
export function parseQuestionFile(corpus: string, xml: string, path: string): StudentAnswer[] {
  const parsed = xmlParser.parse(xml) as QuestionXml;
  const question = parsed.question;
  if (!question || question['@_id'] === undefined) {
    throw new Error(`${path}: expected a <question id="..."> root element`);
  }
  const questionId = `${corpus}/${question['@_id']}`;
  // Keyed by id like the Python reader's dict: a repeated id keeps its first position and last text.
  const referenceById = new Map<string | undefined, string>();
  for (const reference of question.referenceAnswers?.referenceAnswer ?? []) {
    const text = textOf(reference);
    if (text !== '') {
      referenceById.set(reference['@_id'], text);
    }
  }
  const references = [...referenceById.values()];
  if (references.length === 0) {
    return [];
  }
  const answers: StudentAnswer[] = [];
  for (const student of question.studentAnswers?.studentAnswer ?? []) {
    const answer = textOf(student);
    if (answer !== '') {
      answers.push({ questionId, answer, references, correct: student['@_accuracy'] === 'correct' });
    }
  }
  return answers;
}

/** Reads the 2-way training answers of every question in the held-out share. */
export async function loadSemevalHeldOut(folder: string = dataFolder()): Promise<StudentAnswer[]> {
  const answers: StudentAnswer[] = [];
  for (const corpus of SEMEVAL_CORPORA) {
    const corpusFolder = join(folder, 'semeval2013', 'training', '2way', corpus);
    const names = (await readdir(corpusFolder)).filter((name) => name.endsWith('.xml')).sort();
    for (const name of names) {
      const path = join(corpusFolder, name);
      const fileAnswers = parseQuestionFile(corpus, await readFile(path, 'utf8'), path);
      answers.push(...fileAnswers.filter((answer) => isHeldOutQuestion(answer.questionId)));
    }
  }
  return answers;
}
