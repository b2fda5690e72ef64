// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TutorDatabase } from '../../../src/storage/database';
import { recordAttempt } from '../../../src/storage/attempts';
import { createDomain } from '../../../src/storage/domains';
import { InvalidInputError, RowNotFoundError } from '../../../src/storage/errors';
import {
  addSubdomain,
  deleteSubdomain,
  listSubdomains,
  renameSubdomain,
} from '../../../src/storage/subdomains';
import { addTerm, deleteTerm, listTerms, restoreTerm, updateTerm } from '../../../src/storage/terms';
import { MAX_DEFINITION_LENGTH, MAX_DEFINITIONS_PER_TERM } from '../../../src/storage/validation';
import { openFreshDatabase } from './helpers';

let db: TutorDatabase;

afterEach(async () => {
  await db.delete();
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('terms', () => {
  it('adds, lists by prompt and edits', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'Web APIs' });
    await addTerm(db, domain.id, { prompt: 'fetch', definitions: ['Requests a resource.'], subdomainId: '' });
    const api = await addTerm(db, domain.id, {
      prompt: ' API ',
      definitions: ['  A contract between programs. ', '', 'An agreed interface.'],
      subdomainId: '',
      source: 'MDN',
    });
    expect(api.prompt).toBe('API');
    expect(api.definitions).toEqual(['A contract between programs.', 'An agreed interface.']);
    expect((await listTerms(db, domain.id)).map((term) => term.prompt)).toEqual(['API', 'fetch']);

    const edited = await updateTerm(db, api.id, {
      prompt: 'API',
      definitions: ['Only one now.'],
      subdomainId: '',
    });
    expect(edited.definitions).toEqual(['Only one now.']);
    expect(edited.createdAt).toBe(api.createdAt);
    expect(edited.source).toBe('');
  });

  it('rejects a term without definitions', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const error = await rejection(addTerm(db, domain.id, { prompt: 'API', definitions: ['', ' '], subdomainId: '' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('Definition');
    expect(await db.terms.count()).toBe(0);
  });

  it('rejects an empty prompt', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const error = await rejection(addTerm(db, domain.id, { prompt: '', definitions: ['x'], subdomainId: '' }));
    expect(error.message).toBe('Prompt is empty; type at least one character.');
  });

  it('names the definition that is too long', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const error = await rejection(
      addTerm(db, domain.id, {
        prompt: 'API',
        definitions: ['fine', 'y'.repeat(MAX_DEFINITION_LENGTH + 1)],
        subdomainId: '',
      }),
    );
    expect((error as InvalidInputError).field).toBe('Definition 2');
    expect(error.message).toContain(`the maximum is ${MAX_DEFINITION_LENGTH}`);
  });

  it('rejects too many definitions', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const definitions = Array.from({ length: MAX_DEFINITIONS_PER_TERM + 1 }, (_, index) => `Definition ${index}`);
    const error = await rejection(addTerm(db, domain.id, { prompt: 'API', definitions, subdomainId: '' }));
    expect(error.message).toContain(`the maximum is ${MAX_DEFINITIONS_PER_TERM}`);
  });

  it('rejects a subdomain of another domain', async () => {
    db = openFreshDatabase();
    const first = await createDomain(db, { name: 'First' });
    const second = await createDomain(db, { name: 'Second' });
    const foreign = await addSubdomain(db, second.id, { name: 'Foreign' });
    const error = await rejection(
      addTerm(db, first.id, { prompt: 'API', definitions: ['x'], subdomainId: foreign.id }),
    );
    expect((error as InvalidInputError).field).toBe('Subdomain');
  });

  it('rejects a repeated prompt', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'Chemistry' });
    await addTerm(db, domain.id, { prompt: 'Alkane', definitions: ['A saturated hydrocarbon.'], subdomainId: '' });
    const error = await rejection(addTerm(db, domain.id, { prompt: ' alkane ', definitions: ['Another text.'], subdomainId: '' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain('This domain already has a term "Alkane"');
    expect(await db.terms.count()).toBe(1);
  });

  it('allows one prompt in two subdomains', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'Words' });
    const finance = await addSubdomain(db, domain.id, { name: 'Finance' });
    const geography = await addSubdomain(db, domain.id, { name: 'Geography' });
    await addTerm(db, domain.id, { prompt: 'Bank', definitions: ['A business that keeps money.'], subdomainId: finance.id });
    await addTerm(db, domain.id, { prompt: 'Bank', definitions: ['The land beside a river.'], subdomainId: geography.id });
    expect(await db.terms.count()).toBe(2);
  });

  it('rejects an edit onto another prompt', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'Chemistry' });
    await addTerm(db, domain.id, { prompt: 'Alkane', definitions: ['A saturated hydrocarbon.'], subdomainId: '' });
    const ethanol = await addTerm(db, domain.id, { prompt: 'Ethanol', definitions: ['An alcohol with two carbons.'], subdomainId: '' });
    const error = await rejection(updateTerm(db, ethanol.id, { prompt: 'ALKANE', definitions: ['x y z w v'], subdomainId: '' }));
    expect(error.message).toContain('already has a term "Alkane"');
    const recased = await updateTerm(db, ethanol.id, { prompt: 'ethanol', definitions: ['An alcohol with two carbons.'], subdomainId: '' });
    expect(recased.prompt).toBe('ethanol');
  });

  it('rejects a term for a missing domain', async () => {
    db = openFreshDatabase();
    const error = await rejection(addTerm(db, 'missing', { prompt: 'API', definitions: ['x'], subdomainId: '' }));
    expect(error).toBeInstanceOf(RowNotFoundError);
  });

  it('deletes with attempts and restores', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const term = await addTerm(db, domain.id, { prompt: 'API', definitions: ['x'], subdomainId: '' });
    await recordAttempt(db, {
      termId: term.id,
      domainId: domain.id,
      quizId: 'q',
      answer: 'y',
      grade: null,
      selfVerdict: 'fail',
      threshold: 0.5,
    });

    const snapshot = await deleteTerm(db, term.id);
    expect(await db.terms.count()).toBe(0);
    expect(await db.attempts.count()).toBe(0);

    await restoreTerm(db, snapshot);
    expect(await db.terms.get(term.id)).toEqual(term);
    expect(await db.attempts.count()).toBe(1);
  });
});

describe('subdomains', () => {
  it('adds in order, renames and rejects duplicates', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const http = await addSubdomain(db, domain.id, { name: 'HTTP' });
    await addSubdomain(db, domain.id, { name: 'DOM' });
    expect((await listSubdomains(db, domain.id)).map((subdomain) => subdomain.name)).toEqual(['HTTP', 'DOM']);

    await renameSubdomain(db, http.id, 'Networking');
    expect((await db.subdomains.get(http.id))?.name).toBe('Networking');
    const error = await rejection(addSubdomain(db, domain.id, { name: 'dom' }));
    expect(error.message).toBe('This domain already has a subdomain named "DOM"; choose another name.');
  });

  it('moves terms out when deleted', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const http = await addSubdomain(db, domain.id, { name: 'HTTP' });
    const term = await addTerm(db, domain.id, { prompt: 'GET', definitions: ['x'], subdomainId: http.id });

    expect(await deleteSubdomain(db, http.id)).toBe(1);
    expect(await db.subdomains.count()).toBe(0);
    expect((await db.terms.get(term.id))?.subdomainId).toBe('');
  });

  it('restores a term whose subdomain is gone without one', async () => {
    db = openFreshDatabase();
    const domain = await createDomain(db, { name: 'D' });
    const http = await addSubdomain(db, domain.id, { name: 'HTTP' });
    const term = await addTerm(db, domain.id, { prompt: 'GET', definitions: ['x'], subdomainId: http.id });
    const snapshot = await deleteTerm(db, term.id);
    await deleteSubdomain(db, http.id);

    await restoreTerm(db, snapshot);
    expect((await db.terms.get(term.id))?.subdomainId).toBe('');
  });
});
