// Fixed (answer, reference) pairs that the benchmarks score. Their token lengths are
// part of the benchmark's definition, so a tokenizer change that shifts them is
// reported next to the figures rather than silently changing what is measured.

export type PairLengthName = 'short' | 'typical' | 'long';

export interface SamplePair {
  name: PairLengthName;
  /** Token count the texts were chosen for, special tokens included. */
  targetTokens: number;
  answer: string;
  reference: string;
}

export const SAMPLE_PAIRS: readonly SamplePair[] = [
  {
    name: 'short',
    targetTokens: 16,
    answer: 'A contract between programs.',
    reference: 'An interface that lets software components communicate.',
  },
  {
    name: 'typical',
    targetTokens: 32,
    answer: 'An agreed set of rules that lets one program ask another for data or actions.',
    reference: 'A defined interface through which software components request services from each other.',
  },
  {
    name: 'long',
    targetTokens: 128,
    answer:
      'Photosynthesis is the process in which green plants, algae and some bacteria capture the energy of sunlight ' +
      'with chlorophyll in their chloroplasts and use it to turn carbon dioxide from the air and water from the soil ' +
      'into glucose, which stores the energy as chemical bonds, releasing oxygen.',
    reference:
      'The process by which plants and certain bacteria use light energy, absorbed mainly by chlorophyll in the ' +
      'chloroplasts, to convert carbon dioxide and water into glucose, releasing oxygen as well; the light-dependent ' +
      'reactions make ATP and NADPH, which the Calvin cycle then uses to fix carbon.',
  },
];

/** One answer to a term with several reference definitions: the batch-scoring case. */
export const SAMPLE_TERM = {
  prompt: 'API',
  answer: 'A contract between services that says which requests one may send and what comes back.',
  references: [
    'An application programming interface: a defined way for software components to communicate.',
    'A set of functions and procedures that lets one program use the features or data of another.',
    'An agreed-upon interface that hides how a service works and exposes only what callers may request.',
    'The rules, such as endpoints, parameters and response formats, by which programs exchange requests and data.',
  ],
} as const;

/**
 * Learner answers used to fill the stored-answer throughput test: varied lengths and
 * quality, as a real review history has.
 */
export const SAMPLE_ANSWERS: readonly string[] = [
  'An agreed-upon interface between programs.',
  'A contract between services.',
  'blue',
  'It lets one program request data from another without knowing how it works inside.',
  'A graphical user interface for end users.',
  'A list of endpoints, the parameters they accept and the responses they return.',
  'I do not know.',
  'A database that stores the application state.',
];
