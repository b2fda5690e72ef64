import { describe, expect, it } from 'vitest';
import { matchPath } from '../../../src/state/path-matching';
import { orderTermsForQuiz, shuffled } from '../../../src/state/quiz-order';
import { searchTerms } from '../../../src/state/term-search';
import type { Subdomain, Term } from '../../../src/storage/records';

function term(id: string, prompt: string, subdomainId: string, definitions: string[] = ['x']): Term {
  return { id, domainId: 'd', subdomainId, prompt, definitions, source: '', createdAt: 0, updatedAt: 0 };
}

function subdomain(id: string, position: number): Subdomain {
  return { id, domainId: 'd', name: id, scope: '', position };
}

describe('searchTerms', () => {
  const terms = [
    term('1', 'Café', '', ['A place that sells coffee.']),
    term('2', 'IndexedDB', '', ['A transactional database in the browser.']),
    term('3', 'Cookie', '', ['Data the browser sends back to the server.']),
  ];

  it('returns all terms for a blank query', () => {
    expect(searchTerms(terms, '   ')).toEqual(terms);
  });

  it('matches prompts ignoring case and accents', () => {
    expect(searchTerms(terms, 'CAFE').map((found) => found.id)).toEqual(['1']);
  });

  it('matches definitions', () => {
    expect(searchTerms(terms, 'browser').map((found) => found.id)).toEqual(['2', '3']);
  });

  it('requires every word', () => {
    expect(searchTerms(terms, 'browser server').map((found) => found.id)).toEqual(['3']);
    expect(searchTerms(terms, 'browser coffee')).toEqual([]);
  });
});

describe('orderTermsForQuiz', () => {
  it('orders by subdomain position, then prompt', () => {
    const ordered = orderTermsForQuiz(
      [term('1', 'zeta', 'b'), term('2', 'Alpha', ''), term('3', 'beta', 'a'), term('4', 'alpha', 'b')],
      [subdomain('a', 1), subdomain('b', 0)],
    );
    expect(ordered.map((found) => found.id)).toEqual(['4', '1', '3', '2']);
  });
});

describe('shuffled', () => {
  it('keeps every item once', () => {
    const items = [1, 2, 3, 4, 5];
    const result = shuffled(items, () => 0.5);
    expect([...result].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });

  it('follows the random source', () => {
    // With random() = 0 every step swaps with index 0, rotating the list.
    expect(shuffled([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
  });
});

describe('matchPath', () => {
  it('matches literal and parameter segments', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/domains/:domainId', '/domains/abc%20d')).toEqual({ domainId: 'abc d' });
  });

  it('rejects other paths', () => {
    expect(matchPath('/domains/:domainId', '/domains')).toBeNull();
    expect(matchPath('/quiz', '/settings')).toBeNull();
  });

  it('rejects malformed escapes', () => {
    expect(matchPath('/domains/:domainId', '/domains/%E0%A4%A')).toBeNull();
  });
});
