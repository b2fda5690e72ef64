// The draft curriculum the user reviews before anything is saved, and the checks on it.
import { definitionIssues, normalizePrompt } from './definition-quality';
import type { SubdomainBrief } from './prompts';
import type { TermItem } from './reply-schemas';

export interface DraftTerm {
  /** Id within the draft only; saved terms get new ids. */
  id: string;
  prompt: string;
  definition: string;
  sources: string[];
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

export function draftTermFromItem(item: TermItem): DraftTerm {
  const prompt = item.prompt.trim();
  const definition = item.definition.trim();
  return {
    id: newDraftId('term'),
    prompt,
    definition,
    sources: item.sources.map((source) => source.trim()).filter((source) => source !== ''),
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
