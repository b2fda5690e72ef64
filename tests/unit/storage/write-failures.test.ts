// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorDatabase } from '../../../src/storage/database';
import { createDomain, deleteDomain, restoreDomain } from '../../../src/storage/domains';
import { insertDomainDraft } from '../../../src/storage/domain-drafts';
import { StorageWriteError } from '../../../src/storage/errors';
import { addTerm } from '../../../src/storage/terms';
import { openDatabaseWithFullDisk } from './helpers';

let db: TutorDatabase;

afterEach(async () => {
  await db.delete();
});

const draft = {
  name: 'Web APIs',
  subdomains: [{ name: 'HTTP', terms: [{ prompt: 'API', definitions: ['A contract between programs.'] }] }],
};

describe('a full disk', () => {
  it('leaves no half-written domain', async () => {
    // Domains and subdomains are written before terms, so they must be rolled back.
    db = openDatabaseWithFullDisk('terms');
    const error = await insertDomainDraft(db, draft).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).kind).toBe('quota');
    expect((error as Error).message).toBe(
      'Could not add the domain "Web APIs": the browser\'s storage for this site is full. ' +
        "Free space by deleting domains you no longer need, or by clearing other sites' data, then try again. " +
        'No changes were stored.',
    );
    expect(await db.domains.count()).toBe(0);
    expect(await db.subdomains.count()).toBe(0);
    expect(await db.terms.count()).toBe(0);
  });

  it('names the term that could not be saved', async () => {
    db = openDatabaseWithFullDisk('terms');
    const domain = await createDomain(db, { name: 'D' });
    await expect(addTerm(db, domain.id, { prompt: 'API', definitions: ['x'], subdomainId: '' })).rejects.toThrow(
      /^Could not save the term "API": the browser's storage for this site is full/,
    );
  });

  it('leaves a half-restored domain deleted', async () => {
    db = openDatabaseWithFullDisk('attempts');
    const domain = await insertDomainDraft(db, draft);
    const snapshot = await deleteDomain(db, domain.id);
    // The snapshot needs an attempt so that the restore reaches the failing table.
    snapshot.attempts.push({
      id: 'a1',
      termId: snapshot.terms[0]!.id,
      domainId: domain.id,
      quizId: 'q',
      answer: 'x',
      score: null,
      logit: null,
      bestReferenceIndex: null,
      verdict: 'fail',
      override: 'none',
      threshold: 0.5,
      modelId: '',
      modelVersion: '',
      calibrationId: 'self-graded',
      answeredAt: 1,
    });

    const error = await restoreDomain(db, snapshot).catch((caught: unknown) => caught);
    expect((error as StorageWriteError).kind).toBe('quota');
    expect(await db.domains.count()).toBe(0);
    expect(await db.terms.count()).toBe(0);
  });
});

describe('a rejected write', () => {
  it('reports an unknown failure with its cause', async () => {
    db = openDatabaseWithFullDisk('domains', 'UnknownError');
    const error = await createDomain(db, { name: 'D' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).kind).toBe('other');
    expect((error as Error).message).toMatch(/^Could not create the domain "D": the browser rejected the write \(/);
    expect((error as Error).message).toContain('No changes were stored.');
  });
});
