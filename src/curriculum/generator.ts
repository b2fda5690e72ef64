// Drafts a curriculum step by step: the domain's subdomains first, then the terms of each.
import { definitionIssues, normalizePrompt } from './definition-quality';
import { distinctNames, draftTermFromItem, fitSources, newDraftId, type CurriculumDraft, type DraftTerm } from './draft';
import { CurriculumError, REPLY_FAULT_KINDS } from './errors';
import { validateModelSettings, type LanguageModelSettings } from './model-settings';
import { definitionMessages, subdomainMessages, termMessages, type DomainBrief, type SubdomainBrief } from './prompts';
import {
  definitionReplySchema,
  MAX_SUBDOMAINS,
  MAX_TERMS_PER_SUBDOMAIN,
  subdomainListSchema,
  termListSchema,
  type DefinitionReply,
  type SubdomainListReply,
  type TermItem,
  type TermListReply,
} from './reply-schemas';
import { definitionReplyValidator, subdomainListValidator, termListValidator } from './reply-validators';
import { requestStructuredReply, type AttemptPolicy, type RequestEvent } from './structured-request';

export interface GenerationRequest extends DomainBrief {
  subdomainCount: number;
  termsPerSubdomain: number;
}

export type GenerationEvent = RequestEvent | { type: 'draft-changed'; draft: CurriculumDraft };

export interface GenerationOptions {
  maxAttempts?: number;
  /** max_tokens of each request. */
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  onEvent?: (event: GenerationEvent) => void;
}

export { MAX_SUBDOMAINS, MAX_TERMS_PER_SUBDOMAIN };
export const MAX_DOMAIN_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 1000;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_MAX_TOKENS = 1500;
export const DEFAULT_TEMPERATURE = 0.2;

function invalidInput(message: string, action: string): CurriculumError {
  return new CurriculumError('invalid-input', message, action);
}

function requireCount(value: number, label: string, maximum: number): number {
  if (!Number.isInteger(value) || value < 1 || value > maximum) {
    throw invalidInput(`The number of ${label} is ${String(value)}.`, `Enter a whole number from 1 to ${maximum}.`);
  }
  return value;
}

/** Returns the request with trimmed text, or raises CurriculumError('invalid-input') naming the invalid field. */
export function validateGenerationRequest(request: GenerationRequest): GenerationRequest {
  const domainName = request.domainName.trim();
  if (domainName === '') {
    throw invalidInput('The domain name is empty.', 'Enter the subject to study, such as "Web APIs".');
  }
  if (domainName.length > MAX_DOMAIN_NAME_LENGTH) {
    throw invalidInput(
      `The domain name is ${domainName.length} characters long.`,
      `Shorten it to ${MAX_DOMAIN_NAME_LENGTH} characters at most, and put details in the notes.`,
    );
  }
  const notes = request.notes.trim();
  if (notes.length > MAX_NOTES_LENGTH) {
    throw invalidInput(`The notes are ${notes.length} characters long.`, `Shorten them to ${MAX_NOTES_LENGTH} characters at most.`);
  }
  return {
    domainName,
    notes,
    subdomainCount: requireCount(request.subdomainCount, 'subdomains', MAX_SUBDOMAINS),
    termsPerSubdomain: requireCount(request.termsPerSubdomain, 'terms per subdomain', MAX_TERMS_PER_SUBDOMAIN),
  };
}

function attemptPolicy(options: GenerationOptions): AttemptPolicy {
  const onEvent = options.onEvent;
  return {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
    temperature: options.temperature ?? DEFAULT_TEMPERATURE,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(onEvent === undefined ? {} : { onEvent: (event: RequestEvent) => onEvent(event) }),
  };
}

function reviewSubdomains(reply: SubdomainListReply): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const subdomain of reply.subdomains) {
    const key = normalizePrompt(subdomain.name);
    if (seen.has(key)) {
      problems.push(`The subdomain "${subdomain.name}" appears more than once; each subdomain needs its own name.`);
    }
    seen.add(key);
  }
  return problems;
}

/** Problems of a term list: weak definitions, and prompts repeated within it or from elsewhere in the draft. */
function reviewTerms(terms: TermItem[], existingPrompts: string[]): string[] {
  const seen = new Set(existingPrompts.map(normalizePrompt));
  const problems: string[] = [];
  for (const term of terms) {
    const key = normalizePrompt(term.prompt);
    if (seen.has(key)) {
      problems.push(`"${term.prompt}" is already listed; write a different term.`);
    }
    seen.add(key);
    for (const issue of definitionIssues(term.prompt, term.definition)) {
      problems.push(`"${term.prompt}": ${issue}`);
    }
  }
  return problems;
}

/**
 * Asks the model for the terms of one subdomain and returns them, with weak definitions
 * flagged. Raises CurriculumError('invalid-input') unless `count` is 1 to MAX_TERMS_PER_SUBDOMAIN.
 */
export async function generateTermsForSubdomain(
  brief: DomainBrief,
  subdomain: SubdomainBrief,
  count: number,
  settings: LanguageModelSettings,
  options: GenerationOptions = {},
): Promise<DraftTerm[]> {
  requireCount(count, 'terms per subdomain', MAX_TERMS_PER_SUBDOMAIN);
  const schema = termListSchema(count);
  const result = await requestStructuredReply<TermListReply>(
    validateModelSettings(settings),
    {
      label: `terms of "${subdomain.name}"`,
      messages: termMessages(brief, subdomain, count, schema),
      schemaName: 'term_list',
      schema,
      validate: termListValidator(count),
      listKey: 'terms',
      review: (reply) => reviewTerms(reply.terms, subdomain.existingPrompts),
    },
    attemptPolicy(options),
  );
  return result.value.terms.map(draftTermFromItem);
}

/** Asks the model for a better definition of one term; the prompt stays as it is. */
export async function rewriteDefinition(
  brief: DomainBrief,
  subdomainName: string,
  term: Pick<DraftTerm, 'prompt' | 'definition' | 'issues'>,
  settings: LanguageModelSettings,
  options: GenerationOptions = {},
): Promise<Pick<DraftTerm, 'definition' | 'sources' | 'sourcesLeftOut' | 'issues'>> {
  const schema = definitionReplySchema();
  const result = await requestStructuredReply<DefinitionReply>(
    validateModelSettings(settings),
    {
      label: `a definition of "${term.prompt}"`,
      messages: definitionMessages(brief, subdomainName, term.prompt, term.definition, term.issues, schema),
      schemaName: 'definition',
      schema,
      validate: definitionReplyValidator(),
      listKey: null,
      review: (reply) => definitionIssues(term.prompt, reply.definition),
    },
    attemptPolicy(options),
  );
  const definition = result.value.definition.trim();
  return {
    definition,
    ...fitSources(result.value.sources),
    issues: definitionIssues(term.prompt, definition),
  };
}

function snapshot(draft: CurriculumDraft): CurriculumDraft {
  return structuredClone(draft);
}

/**
 * Drafts a whole curriculum: subdomains, then the terms of each subdomain in turn. Every
 * change to the draft is reported as a 'draft-changed' event, so a cancel or a fault
 * keeps what was drafted so far. A subdomain whose replies stay unusable is marked
 * 'failed' and the others go on. Any other error (HTTP status, timeout, cancel) stops
 * the run and is raised. Nothing is stored: saving is the caller's step.
 */
export async function generateCurriculum(
  request: GenerationRequest,
  settingsInput: LanguageModelSettings,
  options: GenerationOptions = {},
): Promise<CurriculumDraft> {
  const brief = validateGenerationRequest(request);
  const settings = validateModelSettings(settingsInput);
  const emit = (draft: CurriculumDraft): void => options.onEvent?.({ type: 'draft-changed', draft: snapshot(draft) });

  const schema = subdomainListSchema(brief.subdomainCount);
  const subdomainResult = await requestStructuredReply<SubdomainListReply>(
    settings,
    {
      label: `subdomains of "${brief.domainName}"`,
      messages: subdomainMessages(brief, brief.subdomainCount, schema),
      schemaName: 'subdomain_list',
      schema,
      validate: subdomainListValidator(brief.subdomainCount),
      listKey: 'subdomains',
      review: reviewSubdomains,
    },
    attemptPolicy(options),
  );

  const names = distinctNames(subdomainResult.value.subdomains.map((item) => item.name.trim()));
  const draft: CurriculumDraft = {
    domainName: brief.domainName,
    notes: brief.notes,
    subdomains: subdomainResult.value.subdomains.map((item, index) => ({
      id: newDraftId('subdomain'),
      name: names[index] ?? item.name.trim(),
      // The scope is shown as one line, so line breaks from the model are dropped.
      scope: item.scope.replace(/\s+/g, ' ').trim(),
      status: 'waiting' as const,
      error: null,
      terms: [],
    })),
  };
  emit(draft);

  for (const subdomain of draft.subdomains) {
    subdomain.status = 'generating';
    emit(draft);
    const siblingBrief: SubdomainBrief = {
      name: subdomain.name,
      scope: subdomain.scope,
      siblings: draft.subdomains.filter((other) => other !== subdomain).map((other) => other.name),
      existingPrompts: draft.subdomains.flatMap((other) => other.terms.map((term) => term.prompt)),
    };
    try {
      subdomain.terms = await generateTermsForSubdomain(brief, siblingBrief, brief.termsPerSubdomain, settings, options);
      subdomain.status = 'ready';
      emit(draft);
    } catch (error) {
      subdomain.status = 'failed';
      subdomain.error = error instanceof CurriculumError ? error.description : String(error);
      emit(draft);
      if (!(error instanceof CurriculumError) || !REPLY_FAULT_KINDS.has(error.kind)) {
        throw error;
      }
    }
  }
  return draft;
}
