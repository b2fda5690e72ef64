// fake-indexeddb must be installed before Dexie loads, because Dexie reads the global indexedDB at import time.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPack, packFileName, serializePack } from '../../../src/packs/export-pack';
import type { Pack } from '../../../src/packs/pack-format';
import { PackReadError } from '../../../src/packs/pack-problems';
import { freeCopyName, planImport, type ImportMode, type ImportPlan } from '../../../src/packs/plan-import';
import { readImportFile, type PackSource } from '../../../src/packs/read-import-file';
import { loadImportContext, writeImportPlan } from '../../../src/packs/write-import';
import { recordAttempt } from '../../../src/storage/attempts';
import type { TutorDatabase } from '../../../src/storage/database';
import { createDomain, deleteDomain } from '../../../src/storage/domains';
import { InvalidInputError, RowNotFoundError, StorageWriteError } from '../../../src/storage/errors';
import { newId } from '../../../src/storage/ids';
import { getSetting, setSetting } from '../../../src/storage/settings';
import { addSubdomain } from '../../../src/storage/subdomains';
import { addTerm, updateTerm } from '../../../src/storage/terms';
import { openDatabaseWithFullDisk, openFreshDatabase } from '../storage/helpers';

const EXAMPLE_PATH = new URL('../../fixtures/packs/example.tutor-pack.json', import.meta.url);

let db: TutorDatabase;

beforeEach(() => {
  db = openFreshDatabase();
});

afterEach(async () => {
  await db.delete();
});

function readPack(bytes: Uint8Array, fileName = 'pack.json'): Pack {
  const source = readImportFile(bytes, fileName);
  expect(source.kind).toBe('pack');
  return (source as PackSource).validated.pack;
}

function examplePack(): Pack {
  return readPack(readFileSync(EXAMPLE_PATH), 'example.tutor-pack.json');
}

async function importPack(
  pack: Pack,
  mode: ImportMode | undefined = undefined,
  extra: { includeProgress?: boolean; applyPassThreshold?: boolean; newId?: () => string } = {},
): Promise<ImportPlan> {
  const context = await loadImportContext(db, pack);
  const plan = planImport(pack, context.existing, {
    mode: mode ?? (context.existing === undefined ? 'new' : 'merge'),
    domainNames: context.domainNames,
    includeProgress: extra.includeProgress ?? false,
    applyPassThreshold: extra.applyPassThreshold ?? false,
    newId: extra.newId ?? newId,
    now: Date.now(),
  });
  await writeImportPlan(db, plan);
  return plan;
}

/** Returns a domain's name, subdomains and terms without ids or times, for comparing before and after. */
async function domainContent(domainName: string): Promise<unknown> {
  const domain = (await db.domains.toArray()).find((candidate) => candidate.name === domainName);
  if (domain === undefined) {
    return undefined;
  }
  const subdomains = await db.subdomains.where('domainId').equals(domain.id).sortBy('position');
  const subdomainNames = new Map(subdomains.map((subdomain) => [subdomain.id, subdomain.name]));
  const terms = await db.terms.where('domainId').equals(domain.id).toArray();
  return {
    name: domain.name,
    description: domain.description,
    subdomains: subdomains.map((subdomain) => ({ name: subdomain.name, scope: subdomain.scope })),
    terms: terms
      .map((term) => ({
        prompt: term.prompt,
        definitions: term.definitions,
        source: term.source,
        subdomain: subdomainNames.get(term.subdomainId) ?? '',
      }))
      .sort((a, b) => a.prompt.localeCompare(b.prompt)),
  };
}

async function seedDomain(): Promise<{ domainId: string; termIds: string[] }> {
  const domain = await createDomain(db, { name: 'Web APIs', description: 'How programs talk over HTTP.' });
  const http = await addSubdomain(db, domain.id, { name: 'HTTP', scope: 'Requests and responses.' });
  const design = await addSubdomain(db, domain.id, { name: 'Design', scope: 'Shaping interfaces.' });
  const api = await addTerm(db, domain.id, {
    prompt: 'API',
    definitions: ['A contract that lets two programs talk.', 'An agreed interface between programs.'],
    subdomainId: design.id,
    source: 'https://example.org/glossary#api',
  });
  const status = await addTerm(db, domain.id, {
    prompt: 'Status <img src=x onerror="alert(1)"> code',
    definitions: ['A three-digit number that says how the server handled a request; <script>alert(2)</script>'],
    subdomainId: http.id,
  });
  const latency = await addTerm(db, domain.id, {
    prompt: 'Latency',
    definitions: ['Time from sending a request to the first byte of the answer.\nMeasured in milliseconds.'],
    subdomainId: '',
  });
  return { domainId: domain.id, termIds: [api.id, status.id, latency.id] };
}

describe('pack round trip', () => {
  it('restores every term after export, delete and import', async () => {
    const { domainId } = await seedDomain();
    const before = await domainContent('Web APIs');
    const text = serializePack(await buildPack(db, domainId));
    await deleteDomain(db, domainId);
    expect(await domainContent('Web APIs')).toBeUndefined();

    const plan = await importPack(readPack(new TextEncoder().encode(text)));

    expect(plan.mode).toBe('new');
    expect(await domainContent('Web APIs')).toEqual(before);
  });

  it('reads the documented example pack', async () => {
    const pack = examplePack();
    await importPack(pack, undefined, { applyPassThreshold: true });
    const content = (await domainContent('Web APIs (example pack)')) as { terms: unknown[]; subdomains: unknown[] };
    expect(content.subdomains).toHaveLength(2);
    expect(content.terms).toHaveLength(4);
    expect(await getSetting(db, 'passThreshold')).toBe(0.5);
  });
});

describe('pack export', () => {
  it('names the file after the domain', () => {
    expect(packFileName('Web APIs')).toBe('Web APIs.tutor-pack.json');
    expect(packFileName('a/b:c*?"<>|d')).toBe('a-b-c-d.tutor-pack.json');
    expect(packFileName('../..')).toBe('domain.tutor-pack.json');
    expect(packFileName('\u202Egpj.exe')).toBe('gpj.exe.tutor-pack.json');
  });

  it('leaves out progress and settings unless asked', async () => {
    const { domainId, termIds } = await seedDomain();
    await recordAttempt(db, {
      termId: termIds[0] as string,
      domainId,
      quizId: 'quiz-1',
      answer: 'my secret answer',
      grade: null,
      selfVerdict: 'pass',
      threshold: 0.45,
    });
    await db.settings.put({ key: 'llmApiKey', value: 'sk-test-not-for-export' });
    await setSetting(db, 'passThreshold', 0.61);

    const text = serializePack(await buildPack(db, domainId));

    expect(text).not.toContain('my secret answer');
    expect(text).not.toContain('sk-test-not-for-export');
    expect(text).not.toContain('progress');
    // The export time is left out of this check, because a timestamp such as 00:14:20.611Z contains "0.61" too.
    const { exportedAt, ...rest } = JSON.parse(text) as Record<string, unknown>;
    expect(typeof exportedAt).toBe('string');
    expect(JSON.stringify(rest)).not.toContain('0.61');
  });

  it('includes progress when asked', async () => {
    const { domainId, termIds } = await seedDomain();
    await recordAttempt(db, {
      termId: termIds[0] as string,
      domainId,
      quizId: 'quiz-1',
      answer: 'an interface',
      grade: null,
      selfVerdict: 'pass',
      threshold: 0.45,
    });

    const pack = await buildPack(db, domainId, { includeProgress: true, passThreshold: 0.61 });

    expect(pack.progress?.attempts).toHaveLength(1);
    expect(pack.progress?.attempts[0]?.answer).toBe('an interface');
    expect(pack.grading?.passThreshold).toBe(0.61);
  });

  it('exports only the chosen subdomains', async () => {
    const { domainId } = await seedDomain();
    const http = (await db.subdomains.toArray()).find((subdomain) => subdomain.name === 'HTTP');

    const pack = await buildPack(db, domainId, { subdomainIds: [http?.id ?? ''], includeTermsWithoutSubdomain: false });

    expect(pack.subdomains.map((subdomain) => subdomain.name)).toEqual(['HTTP']);
    expect(pack.terms.map((term) => term.prompt)).toEqual(['Status <img src=x onerror="alert(1)"> code']);
  });

  it('adds terms without a subdomain when asked', async () => {
    const { domainId } = await seedDomain();

    const pack = await buildPack(db, domainId, { subdomainIds: [], includeTermsWithoutSubdomain: true });

    expect(pack.subdomains).toEqual([]);
    expect(pack.terms.map((term) => term.prompt)).toEqual(['Latency']);
  });

  it('rejects stored data that an import would reject', async () => {
    const { domainId, termIds } = await seedDomain();
    // Bypass the storage module's checks, as an older release or another tool might have.
    await db.terms.update(termIds[2] as string, { prompt: 'Late\u0007ncy' });

    await expect(buildPack(db, domainId)).rejects.toThrow(PackReadError);
  });
});

describe('pack import', () => {
  it('merges into the domain of the same name', async () => {
    await seedDomain();
    const pack = readPack(
      new TextEncoder().encode(
        JSON.stringify({
          format: 'know-it-all-tutor-pack',
          formatVersion: '1.0',
          domain: { name: '  web apis ' },
          subdomains: [
            { id: 'h', name: 'http', scope: 'ignored, the stored subdomain keeps its scope' },
            { id: 'n', name: 'Security', scope: 'Keeping APIs safe.' },
          ],
          terms: [
            { id: 'a', subdomainId: 'h', prompt: 'api', definitions: ['An agreed interface between programs.', 'A menu of operations a program offers.'] },
            { id: 'b', subdomainId: 'n', prompt: 'CORS', definitions: ['Rules that let a server allow other sites to read its responses.'] },
            { id: 'c', prompt: 'LATENCY', definitions: ['Time from sending a request to the first byte of the answer.\nMeasured in milliseconds.'] },
          ],
        }),
      ),
    );

    const plan = await importPack(pack, 'merge');

    expect(plan.mode).toBe('merge');
    expect(plan.termsToAdd.map((term) => term.prompt)).toEqual(['CORS']);
    expect(plan.termsToUpdate.map((update) => update.addedDefinitions)).toEqual([['A menu of operations a program offers.']]);
    expect(plan.termsUnchanged.map((term) => term.prompt)).toEqual(['Latency']);
    expect(plan.subdomainsToAdd.map((subdomain) => subdomain.name)).toEqual(['Security']);
    const content = (await domainContent('Web APIs')) as { terms: { prompt: string; definitions: string[]; subdomain: string }[] };
    const api = content.terms.find((term) => term.prompt === 'API');
    expect(api?.definitions).toHaveLength(3);
    expect(api?.subdomain).toBe('Design');
    expect(content.terms.find((term) => term.prompt === 'CORS')?.subdomain).toBe('Security');
    expect(await db.domains.count()).toBe(1);
  });

  it('imports a copy under a free name', async () => {
    const { domainId } = await seedDomain();
    const pack = await buildPack(db, domainId);

    const first = await importPack(pack, 'copy');
    const second = await importPack(pack, 'copy');

    expect(first.domain.name).toBe('Web APIs (copy)');
    expect(second.domain.name).toBe('Web APIs (copy 2)');
    expect(await domainContent('Web APIs (copy 2)')).toEqual({ ...((await domainContent('Web APIs')) as object), name: 'Web APIs (copy 2)' });
  });

  it('keeps copy names within the name limit', () => {
    const name = 'n'.repeat(200);
    const copy = freeCopyName(name, [name]);
    expect(copy).toHaveLength(200);
    expect(copy.endsWith(' (copy)')).toBe(true);
  });

  it('imports progress only when asked', async () => {
    const { domainId, termIds } = await seedDomain();
    await recordAttempt(db, {
      termId: termIds[0] as string,
      domainId,
      quizId: 'quiz-1',
      answer: 'an interface',
      grade: {
        score: 0.9,
        logit: 2.1,
        bestReferenceIndex: 1,
        verdict: 'pass',
        threshold: 0.45,
        modelId: 'm',
        modelVersion: '1',
        calibrationId: 'shipped',
      },
      threshold: 0.45,
    });
    const pack = await buildPack(db, domainId, { includeProgress: true });
    await deleteDomain(db, domainId);

    await importPack(pack, 'new', { includeProgress: false });
    expect(await db.attempts.count()).toBe(0);
    await deleteDomain(db, (await db.domains.toArray())[0]?.id ?? '');

    await importPack(pack, 'new', { includeProgress: true });
    const attempts = await db.attempts.toArray();
    const api = (await db.terms.toArray()).find((term) => term.prompt === 'API');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.termId).toBe(api?.id);
    expect(attempts[0]?.bestReferenceIndex).toBe(1);
    expect(attempts[0]?.score).toBe(0.9);
  });

  it('writes nothing when one row fails', async () => {
    const pack = examplePack();
    const takenId = newId();
    await db.terms.add({
      id: takenId,
      domainId: 'other',
      subdomainId: '',
      prompt: 'x',
      definitions: ['y'],
      source: '',
      createdAt: 0,
      updatedAt: 0,
    });
    let calls = 0;
    // Ids go to the domain, its 2 subdomains, then the terms: the fifth is the second
    // term's, so the first term is written before the collision aborts the transaction.
    const collidingIds = (): string => (++calls === 5 ? takenId : newId());

    const error = await importPack(pack, 'new', { newId: collidingIds }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).kind).toBe('constraint');
    expect(await db.domains.count()).toBe(0);
    expect(await db.subdomains.count()).toBe(0);
    expect(await db.terms.count()).toBe(1);
  });

  it('writes nothing when the disk is full', async () => {
    await db.delete();
    db = openDatabaseWithFullDisk('terms');

    const error = await importPack(examplePack()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).kind).toBe('quota');
    expect(await db.domains.count()).toBe(0);
    expect(await db.subdomains.count()).toBe(0);
  });

  it('rejects a merge into a domain deleted after the preview', async () => {
    const { domainId } = await seedDomain();
    const pack = await buildPack(db, domainId);
    const context = await loadImportContext(db, pack);
    const plan = planImport(pack, context.existing, {
      mode: 'merge',
      domainNames: context.domainNames,
      includeProgress: false,
      applyPassThreshold: false,
      newId,
      now: Date.now(),
    });
    await deleteDomain(db, domainId);

    await expect(writeImportPlan(db, plan)).rejects.toThrow(RowNotFoundError);
    expect(await db.domains.count()).toBe(0);
  });

  it('rejects a merge when a matched term changed after the preview', async () => {
    const { domainId, termIds } = await seedDomain();
    const pack = examplePack();
    pack.domain.name = 'Web APIs';
    const context = await loadImportContext(db, pack);
    const plan = planImport(pack, context.existing, {
      mode: 'merge',
      domainNames: context.domainNames,
      includeProgress: false,
      applyPassThreshold: false,
      newId,
      now: Date.now() + 1000,
    });
    expect(plan.termsToUpdate.map((update) => update.before.prompt)).toContain('API');
    await updateTerm(db, termIds[0] as string, { prompt: 'API', definitions: ['Edited meanwhile.'], subdomainId: '' });
    const termsBefore = await db.terms.where('domainId').equals(domainId).count();

    await expect(writeImportPlan(db, plan)).rejects.toThrow(/changed while the preview was open/);
    expect(await db.terms.where('domainId').equals(domainId).count()).toBe(termsBefore);
  });

  it('rejects a new domain whose name was taken after the preview', async () => {
    const pack = examplePack();
    const context = await loadImportContext(db, pack);
    const plan = planImport(pack, context.existing, {
      mode: 'new',
      domainNames: context.domainNames,
      includeProgress: false,
      applyPassThreshold: false,
      newId,
      now: Date.now(),
    });
    await createDomain(db, { name: pack.domain.name });

    await expect(writeImportPlan(db, plan)).rejects.toThrow(InvalidInputError);
    expect(await db.terms.count()).toBe(0);
  });
});
