// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorDatabase } from '../../../src/storage/database';
import { recordAttempt } from '../../../src/storage/attempts';
import {
  createDomain,
  deleteDomain,
  getDomain,
  listDomains,
  renameDomain,
  restoreDomain,
} from '../../../src/storage/domains';
import { insertDomainDraft } from '../../../src/storage/domain-drafts';
import { InvalidInputError, RowNotFoundError, StorageWriteError } from '../../../src/storage/errors';
import { addSubdomain } from '../../../src/storage/subdomains';
import { addTerm } from '../../../src/storage/terms';
import { MAX_NAME_LENGTH } from '../../../src/storage/validation';
import { openFreshDatabase } from './helpers';

let db: TutorDatabase;

afterEach(async () => {
  await db.delete();
});

async function domainWithContent(): Promise<string> {
  const domain = await createDomain(db, { name: 'Web APIs' });
  const subdomain = await addSubdomain(db, domain.id, { name: 'HTTP' });
  const term = await addTerm(db, domain.id, {
    prompt: 'API',
    definitions: ['A contract that lets two pieces of software talk to each other.'],
    subdomainId: subdomain.id,
  });
  await recordAttempt(db, {
    termId: term.id,
    domainId: domain.id,
    quizId: 'q1',
    answer: 'an interface',
    grade: null,
    selfVerdict: 'pass',
    threshold: 0.5,
  });
  return domain.id;
}

describe('domains', () => {
  it('creates, lists by name and renames', async () => {
    db = openFreshDatabase();
    await createDomain(db, { name: '  Zoology ' });
    const web = await createDomain(db, { name: 'Web APIs', description: 'Browser APIs' });
    expect((await listDomains(db)).map((domain) => domain.name)).toEqual(['Web APIs', 'Zoology']);

    await renameDomain(db, web.id, 'Browser APIs');
    expect((await getDomain(db, web.id))?.name).toBe('Browser APIs');
  });

  it('rejects an empty name', async () => {
    db = openFreshDatabase();
    const error = await createDomain(db, { name: '   ' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('Domain name');
    expect((error as Error).message).toBe('Domain name is empty; type at least one character.');
    expect(await db.domains.count()).toBe(0);
  });

  it('rejects a name that is too long', async () => {
    db = openFreshDatabase();
    const error = await createDomain(db, { name: 'x'.repeat(MAX_NAME_LENGTH + 1) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain(`the maximum is ${MAX_NAME_LENGTH}`);
  });

  it('rejects a duplicate name ignoring case', async () => {
    db = openFreshDatabase();
    const first = await createDomain(db, { name: 'Web APIs' });
    const other = await createDomain(db, { name: 'CSS' });
    await expect(createDomain(db, { name: 'web apis' })).rejects.toThrow(
      'A domain named "Web APIs" already exists; choose another name.',
    );
    await expect(renameDomain(db, other.id, 'WEB APIS')).rejects.toBeInstanceOf(InvalidInputError);
    // Renaming a domain to its own name in another case is not a clash.
    await renameDomain(db, first.id, 'WEB APIs');
    expect((await getDomain(db, first.id))?.name).toBe('WEB APIs');
  });

  it('rejects renaming a missing domain', async () => {
    db = openFreshDatabase();
    await expect(renameDomain(db, 'missing', 'Name')).rejects.toBeInstanceOf(RowNotFoundError);
  });

  it('deletes everything and restores it', async () => {
    db = openFreshDatabase();
    const domainId = await domainWithContent();
    const before = {
      domains: await db.domains.toArray(),
      subdomains: await db.subdomains.toArray(),
      terms: await db.terms.toArray(),
      attempts: await db.attempts.toArray(),
    };

    const snapshot = await deleteDomain(db, domainId);
    expect(await db.domains.count()).toBe(0);
    expect(await db.subdomains.count()).toBe(0);
    expect(await db.terms.count()).toBe(0);
    expect(await db.attempts.count()).toBe(0);
    expect(snapshot.terms).toHaveLength(1);
    expect(snapshot.attempts).toHaveLength(1);

    await restoreDomain(db, snapshot);
    expect(await db.domains.toArray()).toEqual(before.domains);
    expect(await db.subdomains.toArray()).toEqual(before.subdomains);
    expect(await db.terms.toArray()).toEqual(before.terms);
    expect(await db.attempts.toArray()).toEqual(before.attempts);
  });

  it('deletes review states with the domain', async () => {
    db = openFreshDatabase();
    const domainId = await domainWithContent();
    const term = await db.terms.where('domainId').equals(domainId).first();
    await db.reviewStates.put({
      termId: term!.id,
      domainId,
      due: 1,
      stability: 1,
      difficulty: 5,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 1,
      lastReviewAt: 1,
      introducedAt: 1,
      attemptCount: 1,
      lastAttemptId: 'a',
      schedulerVersion: 1,
    });

    await deleteDomain(db, domainId);
    expect(await db.reviewStates.count()).toBe(0);
  });

  it('keeps other domains when deleting one', async () => {
    db = openFreshDatabase();
    const domainId = await domainWithContent();
    const other = await createDomain(db, { name: 'CSS' });
    await addTerm(db, other.id, { prompt: 'Specificity', definitions: ['Which rule wins.'], subdomainId: '' });

    await deleteDomain(db, domainId);
    expect((await db.domains.toArray()).map((domain) => domain.name)).toEqual(['CSS']);
    expect(await db.terms.count()).toBe(1);
  });

  it('rejects a second restore and stores nothing', async () => {
    db = openFreshDatabase();
    const domainId = await domainWithContent();
    const snapshot = await deleteDomain(db, domainId);
    await restoreDomain(db, snapshot);
    // The subdomain and term ids already exist, so the second restore must fail as a whole.
    await db.domains.delete(domainId);

    const error = await restoreDomain(db, snapshot).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).kind).toBe('constraint');
    expect((error as Error).message).toMatch(/^Could not restore the domain "Web APIs": a row with the same id/);
    expect(await db.domains.count()).toBe(0);
  });

  it('rejects restoring over a new domain of the same name', async () => {
    db = openFreshDatabase();
    const domainId = await domainWithContent();
    const snapshot = await deleteDomain(db, domainId);
    await createDomain(db, { name: 'Web APIs' });

    await expect(restoreDomain(db, snapshot)).rejects.toThrow('A domain named "Web APIs" already exists');
    expect(await db.domains.count()).toBe(1);
    expect(await db.terms.count()).toBe(0);
  });
});

describe('domain drafts', () => {
  it('stores subdomains and terms in order', async () => {
    db = openFreshDatabase();
    const domain = await insertDomainDraft(db, {
      name: 'Sample',
      subdomains: [
        { name: 'First', terms: [{ prompt: 'A', definitions: ['Alpha.'] }] },
        { name: 'Second', terms: [{ prompt: 'B', definitions: ['Beta.', 'Bravo.'], source: 'NATO' }] },
      ],
      terms: [{ prompt: 'C', definitions: ['Charlie.'] }],
    });
    const subdomains = await db.subdomains.where('domainId').equals(domain.id).sortBy('position');
    expect(subdomains.map((subdomain) => subdomain.name)).toEqual(['First', 'Second']);
    const terms = await db.terms.where('domainId').equals(domain.id).sortBy('prompt');
    expect(terms.map((term) => term.prompt)).toEqual(['A', 'B', 'C']);
    expect(terms[1]?.definitions).toEqual(['Beta.', 'Bravo.']);
    expect(terms[1]?.subdomainId).toBe(subdomains[1]?.id);
    expect(terms[2]?.subdomainId).toBe('');
  });

  it('rejects a draft with an empty definition and stores nothing', async () => {
    db = openFreshDatabase();
    const error = await insertDomainDraft(db, {
      name: 'Broken',
      subdomains: [{ name: 'Only', terms: [{ prompt: 'A', definitions: ['  '] }] }],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain('Definition is empty');
    expect(await db.domains.count()).toBe(0);
  });

  it('names the term with an empty prompt', async () => {
    db = openFreshDatabase();
    await expect(
      insertDomainDraft(db, {
        name: 'Broken',
        subdomains: [{ name: 'Only', terms: [{ prompt: 'A', definitions: ['a'] }, { prompt: '', definitions: ['b'] }] }],
      }),
    ).rejects.toThrow('Prompt of term 2 in "Only" is empty');
  });
});
