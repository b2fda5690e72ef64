import type { TutorDatabase } from '../storage/database';
import { RowNotFoundError } from '../storage/errors';
import type { Attempt, Subdomain, Term } from '../storage/records';
import { MAX_FILE_BYTES, formatBytes } from './limits';
import { PACK_FILE_SUFFIX, PACK_FORMAT, PACK_FORMAT_VERSION, type Pack, type PackAttempt, type PackTerm } from './pack-format';
import { validatePack } from './validate-pack';

export interface ExportOptions {
  /** Subdomains to export; undefined exports the whole domain. */
  subdomainIds?: readonly string[];
  /** With `subdomainIds`, whether to export the terms that belong to no subdomain. */
  includeTermsWithoutSubdomain?: boolean;
  /** Adds the learner's own attempts on the exported terms. Off by default. */
  includeProgress?: boolean;
  /** The teacher's pass threshold, when they set one; null leaves it out. */
  passThreshold?: number | null;
  author?: string;
  description?: string;
  now?: Date;
}

function toPackTerm(term: Term, exportedSubdomainIds: ReadonlySet<string>): PackTerm {
  const packTerm: PackTerm = { id: term.id, prompt: term.prompt, definitions: [...term.definitions] };
  // A term whose subdomain is not exported (or no longer exists) leaves as a term without one.
  if (term.subdomainId !== '' && exportedSubdomainIds.has(term.subdomainId)) {
    packTerm.subdomainId = term.subdomainId;
  }
  if (term.source !== '') {
    packTerm.source = term.source;
  }
  return packTerm;
}

function toPackAttempt(attempt: Attempt): PackAttempt {
  return {
    termId: attempt.termId,
    quizId: attempt.quizId,
    answer: attempt.answer,
    score: attempt.score,
    logit: attempt.logit,
    bestReferenceIndex: attempt.bestReferenceIndex,
    verdict: attempt.verdict,
    override: attempt.override,
    threshold: attempt.threshold,
    modelId: attempt.modelId,
    modelVersion: attempt.modelVersion,
    calibrationId: attempt.calibrationId,
    answeredAt: attempt.answeredAt,
  };
}

/**
 * Builds the pack of a stored domain, or of some of its subdomains. It never contains
 * settings other than the pass threshold passed in, and contains attempts only with
 * `includeProgress`. The pack is validated as an import would validate it, so an
 * export that could not be imported again raises a PackReadError instead.
 */
export async function buildPack(db: TutorDatabase, domainId: string, options: ExportOptions = {}): Promise<Pack> {
  const domain = await db.domains.get(domainId);
  if (domain === undefined) {
    throw new RowNotFoundError('This domain no longer exists; it may have been deleted in another tab.');
  }
  const allSubdomains: Subdomain[] = await db.subdomains
    .where('[domainId+position]')
    .between([domainId, -Infinity], [domainId, Infinity])
    .toArray();
  const chosen = options.subdomainIds === undefined ? undefined : new Set(options.subdomainIds);
  const subdomains = chosen === undefined ? allSubdomains : allSubdomains.filter((subdomain) => chosen.has(subdomain.id));
  const exportedSubdomainIds = new Set(subdomains.map((subdomain) => subdomain.id));
  const allSubdomainIds = new Set(allSubdomains.map((subdomain) => subdomain.id));
  const terms = (await db.terms.where('domainId').equals(domainId).toArray()).filter((term) => {
    if (chosen === undefined) {
      return true;
    }
    const withoutSubdomain = term.subdomainId === '' || !allSubdomainIds.has(term.subdomainId);
    return withoutSubdomain ? options.includeTermsWithoutSubdomain === true : exportedSubdomainIds.has(term.subdomainId);
  });
  terms.sort((a, b) => a.createdAt - b.createdAt || a.prompt.localeCompare(b.prompt));

  const pack: Pack = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    domain: { name: domain.name, description: domain.description },
    subdomains: subdomains.map((subdomain) => ({ id: subdomain.id, name: subdomain.name, scope: subdomain.scope })),
    terms: terms.map((term) => toPackTerm(term, exportedSubdomainIds)),
  };
  if (options.author !== undefined && options.author.trim() !== '') {
    pack.author = options.author.trim();
  }
  if (options.description !== undefined && options.description.trim() !== '') {
    pack.description = options.description.trim();
  }
  if (options.passThreshold !== undefined && options.passThreshold !== null) {
    pack.grading = { passThreshold: options.passThreshold };
  }
  if (options.includeProgress === true) {
    const termIds = new Set(terms.map((term) => term.id));
    const attempts = await db.attempts.where('domainId').equals(domainId).toArray();
    pack.progress = {
      attempts: attempts
        .filter((attempt) => termIds.has(attempt.termId))
        .sort((a, b) => a.answeredAt - b.answeredAt)
        .map(toPackAttempt),
    };
  }
  // Validate the JSON text form, because that is exactly what the file will contain.
  validatePack(JSON.parse(JSON.stringify(pack)) as Record<string, unknown>);
  return pack;
}

/** Returns the text of a pack file; raises when it is too large for an import to accept. */
export function serializePack(pack: Pack): string {
  const text = `${JSON.stringify(pack, null, 2)}\n`;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_FILE_BYTES) {
    throw new RangeError(
      `The pack is ${formatBytes(bytes)}, more than the ${formatBytes(MAX_FILE_BYTES)} an import accepts. Export fewer subdomains, or leave out your progress.`,
    );
  }
  return text;
}

/** Characters that Windows, macOS or Linux reject in a file name, and control characters. */
const UNSAFE_FILE_NAME_CHARACTERS = /[\\/:*?"<>|\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu;

/** Returns `<domain name>.tutor-pack.json` with characters that file systems reject replaced by "-". */
export function packFileName(domainName: string): string {
  const safe = domainName
    .replace(UNSAFE_FILE_NAME_CHARACTERS, '-')
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 100);
  return `${safe === '' ? 'domain' : safe}${PACK_FILE_SUFFIX}`;
}
