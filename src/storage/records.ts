// Row types stored in IndexedDB. Ids are strings (crypto.randomUUID) so that packs
// and exports can carry them across devices without clashing with local rows.

export interface Domain {
  id: string;
  name: string;
  description: string;
  createdAt: number; // ms since the epoch
  updatedAt: number;
}

export interface Subdomain {
  id: string;
  domainId: string;
  name: string;
  /** One-line scope of the subdomain, as written by the user or a language model. */
  scope: string;
  position: number;
}

export interface Term {
  id: string;
  domainId: string;
  /** Empty string when the term belongs to no subdomain (IndexedDB cannot index null). */
  subdomainId: string;
  prompt: string;
  /** One or more reference definitions; an answer's score is its best score against any of them. */
  definitions: string[];
  source: string;
  createdAt: number;
  updatedAt: number;
}

export type Verdict = 'pass' | 'fail';

/** What the learner said about the model's verdict, if anything. */
export type Override = 'none' | 'right' | 'wrong';

export interface Attempt {
  id: string;
  termId: string;
  domainId: string;
  /**
   * Quiz run the attempt belongs to, so that a summary or history can group one sitting.
   * Empty for attempts written under schema version 1, which did not record it.
   */
  quizId: string;
  answer: string;
  /** Calibrated score in 0..1, or null when the model was unavailable and the learner graded themselves. */
  score: number | null;
  /** Raw model logit of the best reference, kept so that a later recalibration can regrade without the model. */
  logit: number | null;
  bestReferenceIndex: number | null;
  verdict: Verdict;
  override: Override;
  /** Threshold in force when the attempt was graded. */
  threshold: number;
  modelId: string;
  modelVersion: string;
  /** Which calibration turned the logit into the score: 'shipped' or the id of a refit on this device. */
  calibrationId: string;
  answeredAt: number;
}

export interface Setting {
  key: string;
  value: unknown;
}
