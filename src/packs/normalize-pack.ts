import type { Pack, PackAttempt, PackSubdomain, PackTerm } from './pack-format';

/**
 * Returns a copy of a validated pack built from its known properties only, with text
 * trimmed as the storage modules trim what the learner types. Building new objects
 * also leaves nothing of the parsed JSON (such as an own `__proto__` key) in the result.
 */
export function normalizePack(pack: Pack): Pack {
  const normalized: Pack = {
    format: pack.format,
    formatVersion: pack.formatVersion,
    domain: { name: pack.domain.name.trim(), description: (pack.domain.description ?? '').trim() },
    subdomains: pack.subdomains.map(normalizeSubdomain),
    terms: pack.terms.map(normalizeTerm),
  };
  if (pack.exportedAt !== undefined) normalized.exportedAt = pack.exportedAt;
  if (pack.author !== undefined) normalized.author = pack.author.trim();
  if (pack.description !== undefined) normalized.description = pack.description.trim();
  if (pack.grading?.passThreshold !== undefined) normalized.grading = { passThreshold: pack.grading.passThreshold };
  if (pack.progress !== undefined) normalized.progress = { attempts: pack.progress.attempts.map(normalizeAttempt) };
  return normalized;
}

function normalizeSubdomain(subdomain: PackSubdomain): PackSubdomain {
  return { id: subdomain.id, name: subdomain.name.trim(), scope: (subdomain.scope ?? '').trim() };
}

function normalizeTerm(term: PackTerm): PackTerm {
  const normalized: PackTerm = {
    id: term.id,
    prompt: term.prompt.trim(),
    definitions: term.definitions.map((definition) => definition.trim()),
    source: (term.source ?? '').trim(),
  };
  if (term.subdomainId !== undefined) normalized.subdomainId = term.subdomainId;
  return normalized;
}

function normalizeAttempt(attempt: PackAttempt): PackAttempt {
  return {
    termId: attempt.termId,
    quizId: attempt.quizId ?? '',
    answer: attempt.answer.trim(),
    score: attempt.score,
    logit: attempt.logit ?? null,
    bestReferenceIndex: attempt.bestReferenceIndex ?? null,
    verdict: attempt.verdict,
    override: attempt.override,
    threshold: attempt.threshold,
    modelId: attempt.modelId ?? '',
    modelVersion: attempt.modelVersion ?? '',
    calibrationId: attempt.calibrationId ?? '',
    answeredAt: attempt.answeredAt,
  };
}
