// The precompiled reply validators, with the learner's count checked in code, must report
// exactly the errors that Ajv's run-time compiler reports for the schema with that count,
// because those errors are fed back to the model on a retry.
import Ajv, { type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  definitionReplySchema,
  MAX_SUBDOMAINS,
  MAX_TERMS_PER_SUBDOMAIN,
  subdomainListSchema,
  termListSchema,
} from '../../../src/curriculum/reply-schemas';
import { definitionReplyValidator, subdomainListValidator, termListValidator } from '../../../src/curriculum/reply-validators';

const runtimeAjv = new Ajv({ allErrors: true, strict: true });

function runtimeErrors(schema: object, value: unknown): ErrorObject[] {
  const validate = runtimeAjv.compile(schema);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function term(index: number): Record<string, unknown> {
  return { prompt: `Term ${index}`, definition: `Definition number ${index}, long enough to pass.`, sources: [] };
}

function subdomain(index: number): Record<string, unknown> {
  return { name: `Topic ${index}`, scope: `Everything about topic ${index}.` };
}

/** Returns a term list of `length` items. When `broken`, the first term has no definition and an extra property. */
function termReply(length: number, broken: boolean): unknown {
  const terms = Array.from({ length }, (_, index) => term(index));
  if (broken && terms[0] !== undefined) {
    delete terms[0].definition;
    terms[0].extra = true;
  }
  return { terms };
}

/** Returns a subdomain list of `length` items. When `broken`, the first scope is too short and the reply has an extra property. */
function subdomainReply(length: number, broken: boolean): unknown {
  const subdomains = Array.from({ length }, (_, index) => subdomain(index));
  if (broken && subdomains[0] !== undefined) {
    subdomains[0].scope = 'short';
  }
  return { subdomains, ...(broken ? { note: 'unasked' } : {}) };
}

describe('reply validators match run-time Ajv', { timeout: 60_000 }, () => {
  for (const count of [1, 2, 5, MAX_TERMS_PER_SUBDOMAIN]) {
    for (const length of [count - 1, count, count + 1, MAX_TERMS_PER_SUBDOMAIN + 1]) {
      for (const broken of [false, true]) {
        it(`term list of ${length} for count ${count}${broken ? ', broken' : ''}`, () => {
          const reply = termReply(length, broken);
          expect(termListValidator(count)(reply)).toEqual(runtimeErrors(termListSchema(count), reply));
        });
      }
    }
  }

  for (const count of [1, 3, MAX_SUBDOMAINS]) {
    for (const length of [count, count + 1, MAX_SUBDOMAINS + 2]) {
      for (const broken of [false, true]) {
        it(`subdomain list of ${length} for count ${count}${broken ? ', broken' : ''}`, () => {
          const reply = subdomainReply(length, broken);
          expect(subdomainListValidator(count)(reply)).toEqual(runtimeErrors(subdomainListSchema(count), reply));
        });
      }
    }
  }

  it('list that is not an array', () => {
    const reply = { terms: { first: term(0) } };
    const errors = termListValidator(2)(reply);
    expect(errors).toEqual(runtimeErrors(termListSchema(2), reply));
    expect(errors.map((error) => error.keyword)).toEqual(['type']);
  });

  it('reply that is not an object', () => {
    expect(subdomainListValidator(2)([subdomain(0)])).toEqual(runtimeErrors(subdomainListSchema(2), [subdomain(0)]));
  });

  it('definition reply', () => {
    for (const reply of [{ definition: 'A definition that is long enough.', sources: [] }, { definition: 'short', sources: [''] }, {}]) {
      expect(definitionReplyValidator()(reply)).toEqual(runtimeErrors(definitionReplySchema(), reply));
    }
  });
});

describe('reply validator counts', () => {
  it('over-long list names the chosen count', () => {
    const [error] = termListValidator(2)(termReply(3, false));
    expect(error?.keyword).toBe('maxItems');
    expect(error?.instancePath).toBe('/terms');
    expect(error?.params).toEqual({ limit: 2 });
    expect(error?.message).toBe('must NOT have more than 2 items');
  });

  it('accepts the largest count the app allows', () => {
    expect(termListValidator(MAX_TERMS_PER_SUBDOMAIN)(termReply(MAX_TERMS_PER_SUBDOMAIN, false))).toEqual([]);
    expect(subdomainListValidator(MAX_SUBDOMAINS)(subdomainReply(MAX_SUBDOMAINS, false))).toEqual([]);
  });

  it('rejects counts outside 1 to the maximum', () => {
    for (const count of [0, -1, 2.5, Number.NaN, MAX_TERMS_PER_SUBDOMAIN + 1]) {
      expect(() => termListValidator(count), String(count)).toThrow(RangeError);
    }
    expect(() => subdomainListValidator(MAX_SUBDOMAINS + 1)).toThrow(`from 1 to ${MAX_SUBDOMAINS}`);
  });
});
