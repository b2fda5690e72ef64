import { decodeFileText } from './decode-file-text';
import { PACK_FILE_SUFFIX } from './pack-format';
import { fail } from './pack-problems';
import { parsePackJson } from './parse-pack-json';
import { parseTermList, type Delimiter, type TermList, type TermListOptions } from './parse-term-list';
import { termListToPack, type TermListPack } from './term-list-to-pack';
import { validatePack, type ValidatedPack } from './validate-pack';

export interface PackSource {
  kind: 'pack';
  fileLabel: string;
  validated: ValidatedPack;
}

export interface TermListSource {
  kind: 'term-list';
  fileLabel: string;
  /** Decoded text, kept so the preview can parse it again with another delimiter or header choice. */
  text: string;
  preferredDelimiter: Delimiter | undefined;
  list: TermList;
  /** The list as a validated pack, for the domain name given. */
  converted: TermListPack;
  /** Domain name taken from the file name, for the learner to edit. */
  suggestedDomainName: string;
}

export type ImportSource = PackSource | TermListSource;

type FileKind = 'pack' | 'csv' | 'tsv' | 'unknown';

function kindFromName(fileName: string): FileKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'pack';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  return 'unknown';
}

function kindFromContentType(contentType: string): FileKind {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'pack';
  if (mediaType === 'text/csv') return 'csv';
  if (mediaType === 'text/tab-separated-values') return 'tsv';
  return 'unknown';
}

const HTML_START = /^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i;

/** Returns the file name without folders and its pack or term-list extension. */
export function domainNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const withoutSuffix = base.toLowerCase().endsWith(PACK_FILE_SUFFIX)
    ? base.slice(0, -PACK_FILE_SUFFIX.length)
    : base.replace(/\.(json|csv|tsv|tab|txt)$/i, '');
  return withoutSuffix.trim() === '' ? 'Imported terms' : withoutSuffix.trim();
}

/**
 * Reads the bytes of a dropped, picked or fetched file as a pack (JSON) or a term
 * list (CSV or TSV), chosen by file name, then by `contentType`, then by whether the
 * text starts with `{` or `[`. Raises a PackReadError describing what is wrong.
 */
export function readImportFile(bytes: Uint8Array, fileName: string, contentType = ''): ImportSource {
  const fileLabel = `"${fileName}"`;
  const text = decodeFileText(bytes, fileLabel);
  if (HTML_START.test(text)) {
    fail({
      code: 'html-page',
      message: `${fileLabel} is an HTML page, not a pack or a term list. If it came from a link, use the link to the raw file rather than to a page that shows it.`,
    });
  }
  const named = kindFromName(fileName);
  const declared = named === 'unknown' ? kindFromContentType(contentType) : named;
  const looksLikeJson = /^\s*[{[]/.test(text);
  if (declared === 'pack' || (declared === 'unknown' && looksLikeJson)) {
    return { kind: 'pack', fileLabel, validated: validatePack(parsePackJson(text, fileLabel)) };
  }
  let preferredDelimiter: Delimiter | undefined;
  if (declared === 'tsv') {
    preferredDelimiter = '\t';
  } else if (declared === 'csv') {
    preferredDelimiter = ',';
  }
  const suggestedDomainName = domainNameFromFileName(fileName);
  return {
    kind: 'term-list',
    fileLabel,
    text,
    preferredDelimiter,
    ...readTermList(text, fileLabel, { preferredDelimiter }, suggestedDomainName),
    suggestedDomainName,
  };
}

/**
 * Parses a term list and converts it to a validated pack named `domainName`. The
 * preview calls it again when the learner changes the delimiter, header or name.
 */
export function readTermList(
  text: string,
  fileLabel: string,
  options: TermListOptions,
  domainName: string,
): { list: TermList; converted: TermListPack } {
  const list = parseTermList(text, fileLabel, options);
  return { list, converted: termListToPack(list, domainName) };
}
