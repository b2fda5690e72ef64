// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_V1, TutorDatabase } from '../../../src/storage/database';
import { listAttemptsForDomain, listAttemptsForQuiz } from '../../../src/storage/attempts';
import { freshDatabaseName } from './helpers';

const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** Rows in the shape schema version 1 wrote them: attempts have no quizId. */
const domain = { id: 'd1', name: 'Web APIs', description: '', createdAt: 1, updatedAt: 2 };
const subdomain = { id: 's1', domainId: 'd1', name: 'HTTP', scope: 'Requests', position: 0 };
const terms = [
  {
    id: 't1',
    domainId: 'd1',
    subdomainId: 's1',
    prompt: 'API',
    definitions: ['A contract that lets two pieces of software talk to each other.'],
    source: '',
    createdAt: 3,
    updatedAt: 3,
  },
  {
    id: 't2',
    domainId: 'd1',
    subdomainId: '',
    prompt: 'CORS',
    definitions: ['First definition.', 'Second definition.'],
    source: 'MDN',
    createdAt: 4,
    updatedAt: 4,
  },
];
const attempts = [
  {
    id: 'a1',
    termId: 't1',
    domainId: 'd1',
    answer: 'an agreed interface',
    score: 0.9,
    logit: 2.5,
    bestReferenceIndex: 0,
    verdict: 'pass',
    override: 'none',
    threshold: 0.5,
    modelId: 'minilm',
    modelVersion: '1',
    calibrationId: 'shipped',
    answeredAt: 10,
  },
  {
    id: 'a2',
    termId: 't2',
    domainId: 'd1',
    answer: 'blue',
    score: null,
    logit: null,
    bestReferenceIndex: null,
    verdict: 'fail',
    override: 'right',
    threshold: 0.5,
    modelId: '',
    modelVersion: '',
    calibrationId: 'self-graded',
    answeredAt: 11,
  },
];

async function writeVersion1Database(name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  await old.open();
  await old.table('domains').add(domain);
  await old.table('subdomains').add(subdomain);
  await old.table('terms').bulkAdd(terms);
  await old.table('attempts').bulkAdd(attempts);
  await old.table('settings').add({ key: 'passThreshold', value: 0.6 });
  expect(old.verno).toBe(1);
  old.close();
}

describe('schema upgrade from version 1', () => {
  it('keeps every row', async () => {
    const name = freshDatabaseName();
    await writeVersion1Database(name);

    const db = new TutorDatabase(name);
    opened.push(db);
    await db.open();

    expect(db.verno).toBe(3);
    expect(await db.domains.toArray()).toEqual([domain]);
    expect(await db.subdomains.toArray()).toEqual([subdomain]);
    expect(await db.terms.orderBy('id').toArray()).toEqual(terms);
    expect(await db.settings.toArray()).toEqual([{ key: 'passThreshold', value: 0.6 }]);
    const upgraded = await db.attempts.orderBy('id').toArray();
    expect(upgraded).toEqual(attempts.map((attempt) => ({ ...attempt, quizId: '' })));
  });

  it('serves the new indexes on old rows', async () => {
    const name = freshDatabaseName();
    await writeVersion1Database(name);

    const db = new TutorDatabase(name);
    opened.push(db);

    const byDomain = await listAttemptsForDomain(db, 'd1');
    expect(byDomain.map((attempt) => attempt.id)).toEqual(['a1', 'a2']);
    const byQuiz = await listAttemptsForQuiz(db, '');
    expect(byQuiz.map((attempt) => attempt.id)).toEqual(['a1', 'a2']);
  });
});
