import type { Attempt, Domain, Subdomain, Term } from '../storage/records';
import { matchKey, MAX_NAME_LENGTH } from '../storage/validation';
import type { Pack, PackAttempt, PackTerm } from './pack-format';
import { MAX_DEFINITIONS_PER_TERM } from './schema-validators';

/**
 * Target of an import: `new` when no stored domain has the pack's name, `merge` into
 * the domain of the same name, or `copy` as a new domain with a free name.
 */
export type ImportMode = 'new' | 'merge' | 'copy';

/** The stored domain whose name matches the pack's, with its rows. */
export interface ExistingDomain {
  domain: Domain;
  subdomains: Subdomain[];
  terms: Term[];
}

export interface TermUpdate {
  before: Term;
  after: Term;
  addedDefinitions: string[];
}

/** Every row an import writes, computed before anything is written so the preview can show it. */
export interface ImportPlan {
  mode: ImportMode;
  /** The domain to add, or for `merge` the stored domain with any updated description. */
  domain: Domain;
  subdomainsToAdd: Subdomain[];
  termsToAdd: Term[];
  /** Stored terms with the same prompt that gain definitions (or a source) from the pack. */
  termsToUpdate: TermUpdate[];
  /** Stored terms with the same prompt whose definitions already cover the pack's. */
  termsUnchanged: Term[];
  attemptsToAdd: Attempt[];
  /** The pack's pass threshold, written to settings when the learner chose to use it. */
  passThreshold: number | null;
  notices: string[];
}

export interface PlanOptions {
  mode: ImportMode;
  /** Names of every stored domain, to find a free name for a copy. */
  domainNames: readonly string[];
  includeProgress: boolean;
  applyPassThreshold: boolean;
  newId: () => string;
  now: number;
}

/** Returns `name` with " (copy)", " (copy 2)", ... appended, the first that no domain has. */
export function freeCopyName(name: string, domainNames: readonly string[]): string {
  const takenNames = new Set(domainNames.map(matchKey));
  for (let number = 1; ; number++) {
    const suffix = number === 1 ? ' (copy)' : ` (copy ${number})`;
    const candidate = name.slice(0, MAX_NAME_LENGTH - suffix.length).trimEnd() + suffix;
    if (!takenNames.has(matchKey(candidate))) {
      return candidate;
    }
  }
}

function findMatchingTerm(
  packTerm: PackTerm,
  packSubdomainName: string | undefined,
  existing: ExistingDomain,
  subdomainNames: ReadonlyMap<string, string>,
): Term | undefined {
  const key = matchKey(packTerm.prompt);
  const candidates = existing.terms.filter((term) => matchKey(term.prompt) === key);
  const sameSubdomain = candidates.find(
    (term) => matchKey(subdomainNames.get(term.subdomainId) ?? '') === matchKey(packSubdomainName ?? ''),
  );
  return sameSubdomain ?? candidates[0];
}

/** Returns the stored term with the pack term's new definitions and source, and the definitions added. */
function mergeTerm(stored: Term, packTerm: PackTerm, now: number): { after: Term; added: string[]; skipped: number } {
  const known = new Set(stored.definitions.map(matchKey));
  const definitions = [...stored.definitions];
  const added: string[] = [];
  let skipped = 0;
  for (const definition of packTerm.definitions) {
    if (known.has(matchKey(definition))) {
      continue;
    }
    if (definitions.length >= MAX_DEFINITIONS_PER_TERM) {
      skipped += 1;
      continue;
    }
    known.add(matchKey(definition));
    definitions.push(definition);
    added.push(definition);
  }
  const source = stored.source === '' ? (packTerm.source ?? '') : stored.source;
  const changed = added.length > 0 || source !== stored.source;
  return { after: changed ? { ...stored, definitions, source, updatedAt: now } : stored, added, skipped };
}

function remapAttempt(
  attempt: PackAttempt,
  termId: string,
  packDefinitions: readonly string[],
  storedDefinitions: readonly string[],
  domainId: string,
  newId: () => string,
): Attempt {
  // The pack's bestReferenceIndex points into the pack's definitions; after a merge the
  // same definition may sit at another index in the stored term.
  let bestReferenceIndex: number | null = null;
  if (attempt.bestReferenceIndex != null) {
    const definition = packDefinitions[attempt.bestReferenceIndex];
    const index = definition === undefined ? -1 : storedDefinitions.findIndex((d) => matchKey(d) === matchKey(definition));
    bestReferenceIndex = index === -1 ? null : index;
  }
  return {
    id: newId(),
    termId,
    domainId,
    quizId: attempt.quizId ?? '',
    answer: attempt.answer,
    score: attempt.score,
    logit: attempt.logit ?? null,
    bestReferenceIndex,
    verdict: attempt.verdict,
    override: attempt.override,
    threshold: attempt.threshold,
    modelId: attempt.modelId ?? '',
    modelVersion: attempt.modelVersion ?? '',
    calibrationId: attempt.calibrationId ?? '',
    answeredAt: attempt.answeredAt,
  };
}

/**
 * Computes what importing `pack` writes, without writing. Every row gets a new id, so
 * importing the same pack twice as a copy cannot clash. In `merge` mode, subdomains
 * match by name and terms by prompt, ignoring case and repeated white space. A
 * matched term keeps its subdomain and gains the pack's definitions that it lacks.
 */
export function planImport(pack: Pack, existing: ExistingDomain | undefined, options: PlanOptions): ImportPlan {
  const { newId, now } = options;
  if (options.mode === 'merge' && existing === undefined) {
    throw new Error('A merge needs the stored domain to merge into.');
  }
  const merging = options.mode === 'merge' && existing !== undefined;
  const notices: string[] = [];
  const domain: Domain = merging
    ? {
        ...existing.domain,
        description: existing.domain.description === '' ? (pack.domain.description ?? '') : existing.domain.description,
        updatedAt: now,
      }
    : {
        id: newId(),
        name: options.mode === 'copy' ? freeCopyName(pack.domain.name, options.domainNames) : pack.domain.name,
        description: pack.domain.description ?? '',
        createdAt: now,
        updatedAt: now,
      };

  // Map each pack subdomain id to a stored subdomain id, adding the missing ones.
  const storedSubdomains = merging ? existing.subdomains : [];
  const storedByName = new Map(storedSubdomains.map((subdomain) => [matchKey(subdomain.name), subdomain]));
  let nextPosition = storedSubdomains.reduce((max, subdomain) => Math.max(max, subdomain.position + 1), 0);
  const subdomainIdMap = new Map<string, string>();
  const packSubdomainNames = new Map<string, string>();
  const subdomainsToAdd: Subdomain[] = [];
  for (const packSubdomain of pack.subdomains) {
    packSubdomainNames.set(packSubdomain.id, packSubdomain.name);
    const stored = storedByName.get(matchKey(packSubdomain.name));
    if (stored !== undefined) {
      subdomainIdMap.set(packSubdomain.id, stored.id);
      continue;
    }
    const added: Subdomain = {
      id: newId(),
      domainId: domain.id,
      name: packSubdomain.name,
      scope: packSubdomain.scope ?? '',
      position: nextPosition,
    };
    nextPosition += 1;
    storedByName.set(matchKey(added.name), added);
    subdomainIdMap.set(packSubdomain.id, added.id);
    subdomainsToAdd.push(added);
  }

  const storedSubdomainNames = new Map(storedSubdomains.map((subdomain) => [subdomain.id, subdomain.name]));
  const termsToAdd: Term[] = [];
  const updates = new Map<string, TermUpdate>();
  const unchanged = new Map<string, Term>();
  /** Pack term id to the stored term's id and definitions after the import, for attempts. */
  const termTargets = new Map<string, { id: string; definitions: string[] }>();
  let skippedDefinitions = 0;
  for (const packTerm of pack.terms) {
    const packSubdomainName = packTerm.subdomainId === undefined ? undefined : packSubdomainNames.get(packTerm.subdomainId);
    const stored = merging ? findMatchingTerm(packTerm, packSubdomainName, existing, storedSubdomainNames) : undefined;
    if (stored === undefined) {
      const term: Term = {
        id: newId(),
        domainId: domain.id,
        subdomainId: packTerm.subdomainId === undefined ? '' : (subdomainIdMap.get(packTerm.subdomainId) ?? ''),
        prompt: packTerm.prompt,
        definitions: [...packTerm.definitions],
        source: packTerm.source ?? '',
        createdAt: now,
        updatedAt: now,
      };
      termsToAdd.push(term);
      termTargets.set(packTerm.id, { id: term.id, definitions: term.definitions });
      continue;
    }
    // Two pack terms may match the same stored term; merge into the latest version of it.
    const current = updates.get(stored.id)?.after ?? stored;
    const { after, added, skipped } = mergeTerm(current, packTerm, now);
    skippedDefinitions += skipped;
    if (after !== current || updates.has(stored.id)) {
      const previous = updates.get(stored.id);
      updates.set(stored.id, { before: stored, after, addedDefinitions: [...(previous?.addedDefinitions ?? []), ...added] });
      unchanged.delete(stored.id);
    } else {
      unchanged.set(stored.id, stored);
    }
    termTargets.set(packTerm.id, { id: stored.id, definitions: after.definitions });
  }
  if (skippedDefinitions > 0) {
    notices.push(
      `${skippedDefinitions} definitions were left out because their terms already have ${MAX_DEFINITIONS_PER_TERM}, the most a term can have.`,
    );
  }

  // A stored term matched by two pack terms gets its final definitions only after the
  // second, so read each target's definitions again before remapping attempts.
  for (const [packTermId, target] of termTargets) {
    const update = updates.get(target.id);
    if (update !== undefined) {
      termTargets.set(packTermId, { id: target.id, definitions: update.after.definitions });
    }
  }

  const attemptsToAdd: Attempt[] = [];
  if (options.includeProgress && pack.progress !== undefined) {
    const packTerms = new Map(pack.terms.map((term) => [term.id, term]));
    for (const attempt of pack.progress.attempts) {
      const target = termTargets.get(attempt.termId);
      const packTerm = packTerms.get(attempt.termId);
      if (target !== undefined && packTerm !== undefined) {
        attemptsToAdd.push(remapAttempt(attempt, target.id, packTerm.definitions, target.definitions, domain.id, newId));
      }
    }
  }

  let mode: ImportMode = options.mode === 'copy' ? 'copy' : 'new';
  if (merging) {
    mode = 'merge';
  }
  return {
    mode,
    domain,
    subdomainsToAdd,
    termsToAdd,
    termsToUpdate: [...updates.values()],
    termsUnchanged: [...unchanged.values()],
    attemptsToAdd,
    passThreshold: options.applyPassThreshold ? (pack.grading?.passThreshold ?? null) : null,
    notices,
  };
}
