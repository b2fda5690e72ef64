// The draft curriculum the user reviews before anything is saved, and the checks on it.
import { MAX_SOURCE_LENGTH } from '../storage/validation';
import { definitionIssues, normalizePrompt } from './definition-quality';
import type { SubdomainBrief } from './prompts';
import type { TermItem } from './reply-schemas';

export interface DraftTerm {
  /** Id within the draft only; saved terms get new ids. */
  id: string;
  prompt: string;
  definition: string;
  /** Sources to save, joined by SOURCE_SEPARATOR into the term's one source field. */
  sources: string[];
  /** Sources the model gave beyond what fits in that field, left out. */
  sourcesLeftOut: number;
  /** Quality problems of the definition, as sentences; empty when none were found. */
  issues: string[];
  accepted: boolean;
}

export type SubdomainStatus = 'waiting' | 'generating' | 'ready' | 'failed';

export interface DraftSubdomain {
  id: string;
  name: string;
  scope: string;
  status: SubdomainStatus;
  /** Reason its terms could not be generated, when status is 'failed'. */
  error: string | null;
  terms: DraftTerm[];
}

export interface CurriculumDraft {
  domainName: string;
  notes: string;
  subdomains: DraftSubdomain[];
}

let draftIdCounter = 0;

/** Returns an id unique within this page's drafts. */
export function newDraftId(prefix: string): string {
  draftIdCounter += 1;
  return `${prefix}-${draftIdCounter}`;
}

export const SOURCE_SEPARATOR = '; ';

/**
 * Returns the model's sources that fit, joined, in a stored term's source field (the first
 * ones, whole), and how many were left out. Without this a drafted term with three long
 * sources could be accepted but never saved.
 */
export function fitSources(raw: readonly string[]): Pick<DraftTerm, 'sources' | 'sourcesLeftOut'> {
  const nonEmpty = raw.map((source) => source.trim()).filter((source) => source !== '');
  const sources: string[] = [];
  let length = 0;
  for (const source of nonEmpty) {
    const added = (sources.length === 0 ? 0 : SOURCE_SEPARATOR.length) + source.length;
    if (length + added > MAX_SOURCE_LENGTH) {
      break;
    }
    sources.push(source);
    length += added;
  }
  return { sources, sourcesLeftOut: nonEmpty.length - sources.length };
}

export function draftTermFromItem(item: TermItem): DraftTerm {
  const prompt = item.prompt.trim();
  const definition = item.definition.trim();
  return {
    id: newDraftId('term'),
    prompt,
    definition,
    ...fitSources(item.sources),
    issues: definitionIssues(prompt, definition),
    accepted: false,
  };
}

/** Recomputes a term's issues after the user edited its prompt or definition. */
export function recheckTerm(term: DraftTerm): void {
  term.issues = definitionIssues(term.prompt, term.definition);
}

/**
 * Maps each term whose prompt appeared earlier in the draft (ignoring case and spacing) to the
 * subdomain with the first such term. The first one is left out, so "accept all" keeps it.
 */
export function repeatedTerms(draft: CurriculumDraft): Map<string, string> {
  const firstSubdomain = new Map<string, string>();
  const repeats = new Map<string, string>();
  for (const subdomain of draft.subdomains) {
    for (const term of subdomain.terms) {
      const key = normalizePrompt(term.prompt);
      const first = firstSubdomain.get(key);
      if (first === undefined) {
        firstSubdomain.set(key, subdomain.name);
      } else {
        repeats.set(term.id, first);
      }
    }
  }
  return repeats;
}

/**
 * Returns the names with repeats (ignoring case and spacing) numbered, "Basics (2)", because
 * a domain cannot store two subdomains of one name. The model's last attempt may still
 * repeat a name after the retries asked it not to.
 */
export function distinctNames(names: readonly string[]): string[] {
  const usedKeys = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let number = 2; usedKeys.has(normalizePrompt(candidate)); number++) {
      candidate = `${name} (${number})`;
    }
    usedKeys.add(normalizePrompt(candidate));
    return candidate;
  });
}

export function acceptedTermCount(draft: CurriculumDraft): number {
  return draft.subdomains.reduce((count, subdomain) => count + subdomain.terms.filter((term) => term.accepted).length, 0);
}

/** Returns what the model needs to know about a subdomain to write more terms for it. */
export function subdomainBrief(draft: CurriculumDraft, subdomainId: string): SubdomainBrief {
  const subdomain = draft.subdomains.find((candidate) => candidate.id === subdomainId);
  if (subdomain === undefined) {
    throw new Error(`Subdomain ${subdomainId} is not in the draft.`);
  }
  return {
    name: subdomain.name,
    scope: subdomain.scope,
    siblings: draft.subdomains.filter((other) => other.id !== subdomainId).map((other) => other.name),
    existingPrompts: draft.subdomains
      .filter((other) => other.id !== subdomainId)
      .flatMap((other) => other.terms.map((term) => term.prompt)),
  };
}
