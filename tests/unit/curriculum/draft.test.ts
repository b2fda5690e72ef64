import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { definitionIssues, usesTermItself } from '../../../src/curriculum/definition-quality';
import { distinctNames, draftTermFromItem, fitSources, repeatedTerms, recheckTerm, type CurriculumDraft } from '../../../src/curriculum/draft';
import { CurriculumError } from '../../../src/curriculum/errors';
import { validateGenerationRequest } from '../../../src/curriculum/generator';
import {
  loadModelSettings,
  MODEL_SETTINGS_KEY,
  normalizeBaseUrl,
  saveModelSettings,
  validateModelSettings,
} from '../../../src/curriculum/model-settings';
import { acceptedDomainDraft, saveAcceptedTerms } from '../../../src/curriculum/save-draft';
import { createDomain } from '../../../src/storage/domains';
import { InvalidInputError } from '../../../src/storage/errors';
import type { TutorDatabase } from '../../../src/storage/database';
import { openFreshDatabase } from '../storage/helpers';

function term(prompt: string, definition: string, accepted: boolean) {
  return { ...draftTermFromItem({ prompt, definition, sources: ['Book A', ' '] }), accepted };
}

function sampleDraft(): CurriculumDraft {
  return {
    domainName: 'Web APIs',
    notes: 'beginners',
    subdomains: [
      {
        id: 'subdomain-a',
        name: 'HTTP',
        scope: 'Requests and responses.',
        status: 'ready',
        error: null,
        terms: [
          term('Status code', 'A three-digit number a server sends to say how a request went.', true),
          term('Header', 'A name and value pair sent before the body of a message.', false),
        ],
      },
      {
        id: 'subdomain-b',
        name: 'Auth',
        scope: 'Proving who calls an API.',
        status: 'ready',
        error: null,
        terms: [term('Token', 'A string a client sends to prove it may call the service.', false)],
      },
    ],
  };
}

describe('definition quality', () => {
  it('flags a circular definition', () => {
    expect(usesTermItself('API', 'An API is a contract between programs.')).toBe(true);
    expect(usesTermItself('Cache', 'Caches keep copies of data near where it is used.')).toBe(true);
    expect(usesTermItself('Application Programming Interface (API)', 'Lets an API client call a service.')).toBe(true);
  });

  it('ignores the term inside other words', () => {
    expect(usesTermItself('API', 'A contract that rapidly connects two programs.')).toBe(false);
  });

  it('flags see also, short and long definitions', () => {
    expect(definitionIssues('Token', 'See also: session key for a caller.')).toEqual([
      'The definition says "see also" instead of defining the term.',
    ]);
    expect(definitionIssues('Token', 'A string.')[0]).toContain('has 2 words');
    expect(definitionIssues('Token', 'One part here. Two parts here. Three parts here.')[0]).toContain('has 3 sentences');
  });

  it('does not count abbreviations as sentence ends', () => {
    expect(definitionIssues('Proxy', 'A server between client and origin, e.g. a cache or a gateway in the U.S. office.')).toEqual([]);
  });
});

describe('draft checks', () => {
  it('drops blank sources and computes issues', () => {
    const created = draftTermFromItem({ prompt: ' API ', definition: 'An API is a contract.', sources: [' ', 'RFC 9110'] });
    expect(created.prompt).toBe('API');
    expect(created.sources).toEqual(['RFC 9110']);
    expect(created.issues.some((issue) => issue.includes('uses the term "API" itself'))).toBe(true);
    expect(created.accepted).toBe(false);
  });

  it('rechecks a term after an edit', () => {
    const edited = draftTermFromItem({ prompt: 'API', definition: 'An API is a contract.', sources: [] });
    edited.definition = 'A contract that lets two programs talk to each other.';
    recheckTerm(edited);
    expect(edited.issues).toEqual([]);
  });

  it('flags only the later repeated prompt', () => {
    const draft = sampleDraft();
    const first = draft.subdomains[0]!;
    const token = draft.subdomains[1]!.terms[0]!;
    token.prompt = '  status   CODE ';
    const repeats = repeatedTerms(draft);
    expect(repeats.size).toBe(1);
    expect(repeats.get(token.id)).toBe(first.name);
    expect(repeats.has(first.terms[0]!.id)).toBe(false);
  });

  it('keeps the sources that fit one field', () => {
    const long = (letter: string) => letter.repeat(200);
    const fitted = fitSources([long('a'), ' ', long('b'), long('c')]);
    expect(fitted.sources).toEqual([long('a'), long('b')]);
    expect(fitted.sourcesLeftOut).toBe(1);
  });

  it('numbers repeated subdomain names', () => {
    expect(distinctNames(['Basics', 'basics', 'Basics (2)', 'Other'])).toEqual(['Basics', 'basics (2)', 'Basics (2) (2)', 'Other']);
  });

  it('clears the flag without the first', () => {
    const draft = sampleDraft();
    const token = draft.subdomains[1]!.terms[0]!;
    token.prompt = draft.subdomains[0]!.terms[0]!.prompt;
    draft.subdomains[0]!.terms.shift();
    expect(repeatedTerms(draft).size).toBe(0);
  });
});

describe('saving accepted terms', () => {
  let db: TutorDatabase;

  afterEach(async () => {
    await db.delete();
  });

  it('stores only accepted terms and their subdomains', async () => {
    db = openFreshDatabase();
    const domain = await saveAcceptedTerms(db, sampleDraft());
    expect(domain.name).toBe('Web APIs');
    expect(domain.description).toBe('beginners');
    const subdomains = await db.subdomains.toArray();
    expect(subdomains.map((subdomain) => subdomain.name)).toEqual(['HTTP']);
    const terms = await db.terms.toArray();
    expect(terms).toHaveLength(1);
    expect(terms[0]?.prompt).toBe('Status code');
    expect(terms[0]?.definitions).toEqual(['A three-digit number a server sends to say how a request went.']);
    expect(terms[0]?.source).toBe('Book A');
    expect(terms[0]?.subdomainId).toBe(subdomains[0]?.id);
  });

  it('saves a term whose model gave long sources', async () => {
    db = openFreshDatabase();
    const draft = sampleDraft();
    const sources = ['a', 'b', 'c'].map((letter) => `https://example.org/${letter.repeat(180)}`);
    draft.subdomains[0]!.terms[0] = { ...draftTermFromItem({ prompt: 'Status code', definition: 'A number that says how a request went.', sources }), accepted: true };
    await saveAcceptedTerms(db, draft);
    const stored = await db.terms.toArray();
    expect(stored[0]?.source).toBe(`${sources[0]}; ${sources[1]}`);
  });

  it('rejects a draft with nothing accepted', () => {
    const draft = sampleDraft();
    draft.subdomains[0]!.terms[0]!.accepted = false;
    expect(() => acceptedDomainDraft(draft)).toThrow(InvalidInputError);
    expect(() => acceptedDomainDraft(draft)).toThrow('No term is accepted');
  });

  it('rejects accepted duplicates by name', () => {
    const draft = sampleDraft();
    const token = draft.subdomains[1]!.terms[0]!;
    token.prompt = 'Status Code';
    token.accepted = true;
    expect(() => acceptedDomainDraft(draft)).toThrow('"Status Code" (in "HTTP" and "Auth")');
  });

  it('leaves the database unchanged on a name clash', async () => {
    db = openFreshDatabase();
    await createDomain(db, { name: 'web apis' });
    const error = await saveAcceptedTerms(db, sampleDraft()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(await db.domains.count()).toBe(1);
    expect(await db.subdomains.count()).toBe(0);
    expect(await db.terms.count()).toBe(0);
  });
});

describe('model settings', () => {
  let db: TutorDatabase | undefined;

  afterEach(async () => {
    await db?.delete();
    db = undefined;
  });

  it('normalizes a base URL', () => {
    expect(normalizeBaseUrl(' http://127.0.0.1:8080/v1/ ')).toBe('http://127.0.0.1:8080/v1');
    expect(normalizeBaseUrl('https://api.example.com/v1')).toBe('https://api.example.com/v1');
  });

  it.each([
    ['', 'The base URL is empty.'],
    ['localhost:8080', 'uses localhost:, but only http: and https: are supported'],
    ['127.0.0.1:8080', 'is not a valid URL'],
    ['not a url', 'is not a valid URL'],
    ['ftp://host/v1', 'uses ftp:'],
    ['http://host/v1?x=1', 'has a query or fragment'],
    ['http://user:pass@host/v1', 'contains a user name or password'],
  ])('rejects base URL %j', (input, message) => {
    const error = (() => {
      try {
        normalizeBaseUrl(input);
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).kind).toBe('invalid-settings');
    expect((error as CurriculumError).message).toContain(message);
  });

  it('requires a model and a timeout in range', () => {
    const base = { baseUrl: 'http://127.0.0.1:1/v1', model: 'm', apiKey: '', timeoutSeconds: 60 };
    expect(() => validateModelSettings({ ...base, model: ' ' })).toThrow('No model is chosen.');
    expect(() => validateModelSettings({ ...base, timeoutSeconds: 1 })).toThrow('out of range');
    expect(validateModelSettings({ ...base, apiKey: ' key ' }).apiKey).toBe('key');
  });

  it('stores settings in IndexedDB and reads defaults for a bad row', async () => {
    const opened = openFreshDatabase();
    db = opened;
    expect((await loadModelSettings(opened)).baseUrl).toBe('');
    await saveModelSettings(opened, { baseUrl: 'http://127.0.0.1:8089/v1', model: 'm', apiKey: 'k', timeoutSeconds: 60 });
    expect(await loadModelSettings(opened)).toEqual({ baseUrl: 'http://127.0.0.1:8089/v1', model: 'm', apiKey: 'k', timeoutSeconds: 60 });
    await opened.settings.put({ key: MODEL_SETTINGS_KEY, value: { baseUrl: 3 } });
    expect((await loadModelSettings(opened)).baseUrl).toBe('');
  });
});

describe('generation request', () => {
  it.each([
    [{ domainName: ' ' }, 'The domain name is empty.'],
    [{ subdomainCount: 0 }, 'The number of subdomains is 0.'],
    [{ termsPerSubdomain: 2.5 }, 'The number of terms per subdomain is 2.5.'],
    [{ notes: 'x'.repeat(1001) }, 'The notes are 1001 characters long.'],
  ])('rejects %j', (change, message) => {
    const request = { domainName: 'Web APIs', notes: '', subdomainCount: 2, termsPerSubdomain: 3, ...change };
    expect(() => validateGenerationRequest(request)).toThrow(message);
  });
});
