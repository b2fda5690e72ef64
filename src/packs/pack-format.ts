// TypeScript shape of a pack file, format version 1.x. `pack.schema.json` is the
// contract; these types describe a pack that has passed it.

import type { Override, Verdict } from '../storage/records';

export const PACK_FORMAT = 'know-it-all-tutor-pack';
export const PACK_FORMAT_MAJOR = 1;
export const PACK_FORMAT_MINOR = 0;
export const PACK_FORMAT_VERSION = `${PACK_FORMAT_MAJOR}.${PACK_FORMAT_MINOR}`;

/** File name suffix of an exported pack: `<domain name>.tutor-pack.json`. */
export const PACK_FILE_SUFFIX = '.tutor-pack.json';

export interface PackDomain {
  name: string;
  description?: string;
}

export interface PackGrading {
  /** Pass threshold in 0..1 that the teacher chose; absent when the teacher kept the model's default. */
  passThreshold?: number;
}

export interface PackSubdomain {
  /** Unique within the file; terms refer to it. Imports assign new ids. */
  id: string;
  name: string;
  scope?: string;
}

export interface PackTerm {
  id: string;
  /** Absent when the term belongs to no subdomain. */
  subdomainId?: string;
  prompt: string;
  definitions: string[];
  source?: string;
}

export interface PackAttempt {
  termId: string;
  quizId?: string;
  answer: string;
  score: number | null;
  logit?: number | null;
  bestReferenceIndex?: number | null;
  verdict: Verdict;
  override: Override;
  threshold: number;
  modelId?: string;
  modelVersion?: string;
  calibrationId?: string;
  /** Milliseconds since the epoch. */
  answeredAt: number;
}

export interface PackProgress {
  attempts: PackAttempt[];
}

export interface Pack {
  format: typeof PACK_FORMAT;
  /** `major.minor` */
  formatVersion: string;
  exportedAt?: string;
  author?: string;
  description?: string;
  domain: PackDomain;
  grading?: PackGrading;
  /** In display order. */
  subdomains: PackSubdomain[];
  terms: PackTerm[];
  progress?: PackProgress;
}
