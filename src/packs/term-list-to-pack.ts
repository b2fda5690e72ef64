import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackSubdomain, type PackTerm } from './pack-format';
import { fail } from './pack-problems';
import type { TermList } from './parse-term-list';
import { MAX_DEFINITIONS_PER_TERM } from './schema-validators';
import { validatePack, type ValidatedPack } from './validate-pack';

export interface TermListPack extends ValidatedPack {
  /** Rows that repeated an earlier row's term and subdomain and became extra definitions of it. */
  mergedRowCount: number;
}

function matchKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase();
}

/**
 * Builds and validates a pack from a term list. Subdomains come from the third column
 * in order of first use, and rows with the same term and subdomain (ignoring case)
 * become one term with several definitions, because other tools export one card per
 * definition.
 */
export function termListToPack(list: TermList, domainName: string): TermListPack {
  const subdomains: PackSubdomain[] = [];
  const subdomainIds = new Map<string, string>();
  const terms: PackTerm[] = [];
  const termsByKey = new Map<string, { term: PackTerm; lines: number[] }>();
  let mergedRowCount = 0;
  for (const row of list.rows) {
    let subdomainId: string | undefined;
    if (row.subdomain !== '') {
      const key = matchKey(row.subdomain);
      subdomainId = subdomainIds.get(key);
      if (subdomainId === undefined) {
        subdomainId = `s${subdomains.length + 1}`;
        subdomainIds.set(key, subdomainId);
        subdomains.push({ id: subdomainId, name: row.subdomain, scope: '' });
      }
    }
    const termKey = `${subdomainId ?? ''}\u0000${matchKey(row.prompt)}`;
    const existing = termsByKey.get(termKey);
    if (existing === undefined) {
      const term: PackTerm = { id: `t${terms.length + 1}`, prompt: row.prompt, definitions: [row.definition], source: '' };
      if (subdomainId !== undefined) {
        term.subdomainId = subdomainId;
      }
      terms.push(term);
      termsByKey.set(termKey, { term, lines: [row.line] });
      continue;
    }
    mergedRowCount += 1;
    existing.lines.push(row.line);
    if (!existing.term.definitions.includes(row.definition)) {
      existing.term.definitions.push(row.definition);
    }
    if (existing.term.definitions.length > MAX_DEFINITIONS_PER_TERM) {
      fail({
        code: 'too-many-items',
        message: `The term "${row.prompt}" appears on ${existing.lines.length} lines (${existing.lines.join(', ')}) with different definitions; a term can have at most ${MAX_DEFINITIONS_PER_TERM}.`,
        line: row.line,
      });
    }
  }
  const validated = validatePack({
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    domain: { name: domainName, description: '' },
    subdomains,
    terms,
  });
  return { ...validated, mergedRowCount };
}
