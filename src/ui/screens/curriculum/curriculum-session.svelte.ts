// State of curriculum generation and review. It lives at module level, so a draft
// survives a visit to another screen (the model settings, say) until it is saved or discarded.
import { acceptedTermCount, subdomainBrief, type CurriculumDraft } from '../../../curriculum/draft';
import { CurriculumError } from '../../../curriculum/errors';
import {
  generateCurriculum,
  generateTermsForSubdomain,
  rewriteDefinition,
  type GenerationEvent,
  type GenerationOptions,
  type GenerationRequest,
} from '../../../curriculum/generator';
import { loadModelSettings, validateModelSettings, type LanguageModelSettings } from '../../../curriculum/model-settings';
import { saveAcceptedTerms } from '../../../curriculum/save-draft';
import type { Domain } from '../../../storage/records';
import { database } from '../../../state/app-database';
import { domains } from '../../../state/domains.svelte';
import { errorText } from '../../errors';

/** The request in flight, as shown in the progress panel. */
export interface Activity {
  label: string;
  attempt: number;
  maxAttempts: number;
  receivedCharacters: number;
  /** The end of the reply received so far. */
  preview: string;
}

export interface ShownError {
  message: string;
  action: string;
  /** Whether the model settings are the likely fix, so the UI links to them. */
  settingsRelated: boolean;
}

export interface AdvancedOptions {
  maxTokens: number;
  maxAttempts: number;
}

const PREVIEW_LENGTH = 240;

const SETTINGS_KINDS = new Set(['invalid-settings', 'unreachable', 'cors', 'blocked-by-policy', 'unauthorized', 'forbidden', 'endpoint-not-found', 'model-not-found']);

function shownError(error: unknown): ShownError {
  if (error instanceof CurriculumError) {
    return { message: error.message, action: error.action, settingsRelated: SETTINGS_KINDS.has(error.kind) };
  }
  return { message: errorText(error), action: '', settingsRelated: false };
}

class CurriculumSession {
  draft = $state<CurriculumDraft | null>(null);
  running = $state(false);
  activity = $state<Activity | null>(null);
  /** Retries and their reasons during the current run, oldest first. */
  rejections = $state<string[]>([]);
  error = $state<ShownError | null>(null);
  #controller: AbortController | null = null;
  #advanced: AdvancedOptions = { maxTokens: 1500, maxAttempts: 3 };

  get acceptedCount(): number {
    return this.draft === null ? 0 : acceptedTermCount(this.draft);
  }

  #onEvent = (event: GenerationEvent): void => {
    switch (event.type) {
      case 'draft-changed':
        this.draft = event.draft;
        break;
      case 'request-started':
        this.activity = { label: event.label, attempt: event.attempt, maxAttempts: event.maxAttempts, receivedCharacters: 0, preview: '' };
        break;
      case 'reply-progress':
        if (this.activity !== null) {
          this.activity.receivedCharacters = event.receivedCharacters;
          this.activity.preview = event.text.slice(-PREVIEW_LENGTH);
        }
        break;
      case 'attempt-rejected':
        this.rejections.push(`Attempt ${event.attempt} for ${event.label} was rejected: ${event.reason}`);
        break;
    }
  };

  /** Runs `work` with fresh progress state and a new AbortController; shows its error, if any. */
  async #run<T>(work: (settings: LanguageModelSettings, options: GenerationOptions) => Promise<T>): Promise<T | null> {
    if (this.running) {
      return null;
    }
    this.error = null;
    this.rejections = [];
    this.activity = null;
    this.running = true;
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const settings = validateModelSettings(await loadModelSettings(database));
      return await work(settings, {
        signal: controller.signal,
        onEvent: this.#onEvent,
        maxTokens: this.#advanced.maxTokens,
        maxAttempts: this.#advanced.maxAttempts,
      });
    } catch (error) {
      this.error = shownError(error);
      return null;
    } finally {
      this.running = false;
      this.activity = null;
      this.#controller = null;
    }
  }

  async generate(request: GenerationRequest, advanced: AdvancedOptions): Promise<void> {
    this.#advanced = advanced;
    this.draft = null;
    await this.#run((settings, options) => generateCurriculum(request, settings, options));
  }

  /** Replaces a subdomain's terms with newly generated ones. */
  async regenerateTerms(subdomainId: string, count: number): Promise<void> {
    const draft = this.draft;
    if (draft === null) {
      return;
    }
    const brief = subdomainBrief(draft, subdomainId);
    const domainBrief = { domainName: draft.domainName, notes: draft.notes };
    const terms = await this.#run((settings, options) => generateTermsForSubdomain(domainBrief, brief, count, settings, options));
    const subdomain = this.draft?.subdomains.find((candidate) => candidate.id === subdomainId);
    if (terms !== null && subdomain !== undefined) {
      subdomain.terms = terms;
      subdomain.status = 'ready';
      subdomain.error = null;
    }
  }

  /** Replaces one term's definition with a newly generated one. */
  async regenerateDefinition(subdomainId: string, termId: string): Promise<void> {
    const subdomain = this.draft?.subdomains.find((candidate) => candidate.id === subdomainId);
    const term = subdomain?.terms.find((candidate) => candidate.id === termId);
    if (this.draft === null || subdomain === undefined || term === undefined) {
      return;
    }
    const domainBrief = { domainName: this.draft.domainName, notes: this.draft.notes };
    const current = { prompt: term.prompt, definition: term.definition, issues: [...term.issues] };
    const rewritten = await this.#run((settings, options) => rewriteDefinition(domainBrief, subdomain.name, current, settings, options));
    if (rewritten !== null) {
      term.definition = rewritten.definition;
      term.sources = rewritten.sources;
      term.sourcesLeftOut = rewritten.sourcesLeftOut;
      term.issues = rewritten.issues;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  /** Stores the accepted terms as a new domain and clears the draft; returns the domain, or null on failure. */
  async save(): Promise<Domain | null> {
    if (this.draft === null) {
      return null;
    }
    this.error = null;
    try {
      const domain = await saveAcceptedTerms(database, $state.snapshot(this.draft));
      this.draft = null;
      this.rejections = [];
      await domains.refresh();
      return domain;
    } catch (error) {
      this.error = shownError(error);
      return null;
    }
  }

  discard(): void {
    this.cancel();
    this.draft = null;
    this.error = null;
    this.rejections = [];
  }
}

export const curriculumSession = new CurriculumSession();

/**
 * Asks the browser to confirm before the tab closes or reloads while a draft is unsaved or
 * being generated: a draft lives only in this page, and a large one takes minutes to make.
 */
function confirmLeavingUnsavedDraft(event: BeforeUnloadEvent): void {
  if (curriculumSession.draft !== null || curriculumSession.running) {
    event.preventDefault();
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', confirmLeavingUnsavedDraft);
}
