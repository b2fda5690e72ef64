// State of the import screen: the file or URL being read, its problems or its
// preview, the learner's choices, and the write. Nothing is stored before `confirm`.

import { database } from '../state/app-database';
import { domains } from '../state/domains.svelte';
import { notices } from '../state/notices.svelte';
import { router } from '../state/router.svelte';
import { settings } from '../state/settings.svelte';
import { newId } from '../storage/ids';
import { assertFileSize } from './decode-file-text';
import { fetchImportFile } from './fetch-import-file';
import type { Pack } from './pack-format';
import { PackReadError, type PackProblem } from './pack-problems';
import type { Delimiter } from './parse-term-list';
import { planImport, type ImportMode, type ImportPlan } from './plan-import';
import { readImportFile, readTermList, type ImportSource } from './read-import-file';
import { loadImportContext, writeImportPlan, type ImportContext } from './write-import';

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'writing';

/** Problems of the last file or write, with a title that names the step that failed. */
export interface ImportFailure {
  title: string;
  problems: PackProblem[];
  omittedCount: number;
}

function toFailure(title: string, error: unknown): ImportFailure {
  if (error instanceof PackReadError) {
    return { title, problems: [...error.problems], omittedCount: error.omittedCount };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title, problems: [{ code: 'invalid-value', message }], omittedCount: 0 };
}

class ImportSession {
  phase = $state<ImportPhase>('idle');
  failure = $state<ImportFailure | null>(null);
  source = $state.raw<ImportSource | null>(null);
  /** The pack to import: the file's, or the term list converted with the options below. */
  pack = $state.raw<Pack | null>(null);
  notices = $state<string[]>([]);
  context = $state.raw<ImportContext | null>(null);
  mode = $state<ImportMode>('new');
  includeProgress = $state(false);
  applyPassThreshold = $state(false);
  /** Term-list options that the learner can change in the preview. */
  delimiter = $state<Delimiter>(',');
  hasHeader = $state(false);
  domainName = $state('');
  /** Problem with the term-list options, shown next to them while the old preview stays. */
  optionsProblem = $state<ImportFailure | null>(null);
  #fetchController: AbortController | null = null;

  plan = $derived.by((): ImportPlan | null => {
    if (this.pack === null || this.context === null) {
      return null;
    }
    return planImport(this.pack, this.context.existing, {
      mode: this.mode,
      domainNames: this.context.domainNames,
      includeProgress: this.includeProgress,
      applyPassThreshold: this.applyPassThreshold,
      newId,
      now: Date.now(),
    });
  });

  reset(): void {
    this.#fetchController?.abort();
    this.#fetchController = null;
    this.phase = 'idle';
    this.failure = null;
    this.source = null;
    this.pack = null;
    this.notices = [];
    this.context = null;
    this.optionsProblem = null;
    this.includeProgress = false;
    this.applyPassThreshold = false;
  }

  /** Reads a picked or dropped file; the size is checked before any byte is read. */
  async readFile(file: File): Promise<void> {
    this.reset();
    this.phase = 'reading';
    try {
      assertFileSize(file.size, `"${file.name}"`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      await this.#showPreview(readImportFile(bytes, file.name, file.type));
    } catch (error) {
      this.#fail(`"${file.name}" cannot be imported`, error);
    }
  }

  /** Fetches a pack or term list from `url` and previews it. */
  async readUrl(url: string): Promise<void> {
    this.reset();
    this.phase = 'reading';
    const controller = new AbortController();
    this.#fetchController = controller;
    try {
      const file = await fetchImportFile(url, { signal: controller.signal, appOrigin: window.location.origin });
      await this.#showPreview(readImportFile(file.bytes, file.fileName, file.contentType));
    } catch (error) {
      if (!controller.signal.aborted) {
        this.#fail('The link cannot be imported', error);
      }
    } finally {
      if (this.#fetchController === controller) {
        this.#fetchController = null;
      }
    }
  }

  /** Stops a running fetch and goes back to the start. */
  cancelFetch(): void {
    this.reset();
  }

  /** Reads the term list again after the learner changed the delimiter, header or domain name. */
  async updateTermListOptions(): Promise<void> {
    const source = this.source;
    if (source?.kind !== 'term-list') {
      return;
    }
    if (this.domainName.trim() === '') {
      this.optionsProblem = {
        title: 'The list cannot be imported yet',
        problems: [{ code: 'empty-text', message: 'The domain name is empty; type a name for the new domain.' }],
        omittedCount: 0,
      };
      return;
    }
    try {
      const options = { delimiter: this.delimiter, hasHeader: this.hasHeader };
      const { list, converted } = readTermList(source.text, source.fileLabel, options, this.domainName);
      this.source = { ...source, list, converted };
      this.pack = converted.pack;
      this.notices = converted.notices;
      this.optionsProblem = null;
      await this.#loadContext(converted.pack);
    } catch (error) {
      this.optionsProblem = toFailure('With these settings the list cannot be imported', error);
    }
  }

  /** Writes the plan in one transaction, then opens the imported domain. */
  async confirm(): Promise<void> {
    const plan = this.plan;
    if (plan === null || this.phase !== 'preview' || this.optionsProblem !== null) {
      return;
    }
    this.phase = 'writing';
    try {
      await writeImportPlan(database, plan);
    } catch (error) {
      this.failure = toFailure('Nothing was imported', error);
      this.phase = 'preview';
      // The stored data changed or the write failed; show the preview against what is stored now.
      if (this.pack !== null) {
        await this.#loadContext(this.pack).catch(() => undefined);
      }
      return;
    }
    const added = plan.termsToAdd.length;
    const updated = plan.termsToUpdate.length;
    const summary = `Imported "${plan.domain.name}": ${added} new ${added === 1 ? 'term' : 'terms'}, ${updated} updated.`;
    this.reset();
    await domains.refresh();
    if (plan.passThreshold !== null) {
      await settings.load();
    }
    router.navigate(`/domains/${encodeURIComponent(plan.domain.id)}`);
    notices.info(summary);
  }

  async #showPreview(source: ImportSource): Promise<void> {
    this.source = source;
    if (source.kind === 'pack') {
      this.pack = source.validated.pack;
      this.notices = source.validated.notices;
    } else {
      this.delimiter = source.list.delimiter;
      this.hasHeader = source.list.hasHeader;
      this.domainName = source.suggestedDomainName;
      this.pack = source.converted.pack;
      this.notices = source.converted.notices;
    }
    await this.#loadContext(this.pack);
    this.phase = 'preview';
  }

  async #loadContext(pack: Pack): Promise<void> {
    const context = await loadImportContext(database, pack);
    const previousExisting = this.context?.existing?.domain.id;
    this.context = context;
    // Merge is the default whenever a domain of the same name exists; the learner may pick copy.
    if (context.existing === undefined) {
      this.mode = 'new';
    } else if (previousExisting !== context.existing.domain.id) {
      this.mode = 'merge';
    }
  }

  #fail(title: string, error: unknown): void {
    this.failure = toFailure(title, error);
    this.phase = 'idle';
    this.source = null;
    this.pack = null;
  }
}

export const importSession = new ImportSession();
