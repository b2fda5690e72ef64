import { MAX_FILE_BYTES, formatBytes } from './limits';
import { fail } from './pack-problems';

/** Signatures of binary formats people pick by mistake, with a hint for each. */
const BINARY_SIGNATURES: readonly { bytes: readonly number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (Anki .apkg and spreadsheet .xlsx files are ZIP archives)' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], kind: 'an SQLite database' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Microsoft Office document (.xls or .doc)' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Raises unless a file of `byteLength` bytes is within the size limit. Call it with
 * `File.size` or a Content-Length before reading, so an oversized file is never read.
 */
export function assertFileSize(byteLength: number, fileLabel: string): void {
  if (byteLength === 0) {
    fail({ code: 'empty-file', message: `${fileLabel} is empty (0 bytes).` });
  }
  if (byteLength > MAX_FILE_BYTES) {
    fail({
      code: 'file-too-large',
      message: `${fileLabel} is ${formatBytes(byteLength)}; the limit is ${formatBytes(MAX_FILE_BYTES)}. Split the domain into smaller packs.`,
    });
  }
}

/**
 * Returns the offset of the first byte that is not part of a well-formed UTF-8
 * sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
 * or -1 when all of `bytes` is valid.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead < 0x80) {
      index += 1;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) min = 0xa0; // overlong
      if (lead === 0xed) max = 0x9f; // UTF-16 surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90; // overlong
      if (lead === 0xf4) max = 0x8f; // above U+10FFFF
    } else {
      return index;
    }
    for (let offset = 1; offset < length; offset++) {
      const byte = bytes[index + offset];
      const low = offset === 1 ? min : 0x80;
      const high = offset === 1 ? max : 0xbf;
      if (byte === undefined || byte < low || byte > high) {
        return index;
      }
    }
    index += length;
  }
  return -1;
}

/** Returns the 1-based line and column (in characters) of byte `offset` in UTF-8 `bytes`. */
export function lineAndColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte === 0x0a) {
      line += 1;
      column = 1;
    } else if ((byte & 0xc0) !== 0x80) {
      column += 1;
    }
  }
  return { line, column };
}

/**
 * Decodes a pack or term-list file as UTF-8, without its byte order mark if it has
 * one. Raises a PackReadError for an empty, oversized, binary, UTF-16 or invalid
 * UTF-8 file, naming the line and column of the first invalid byte.
 */
export function decodeFileText(bytes: Uint8Array, fileLabel: string): string {
  assertFileSize(bytes.length, fileLabel);
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) {
      fail({
        code: 'binary-file',
        message: `${fileLabel} is ${signature.kind}, not a pack or a term list. Export a .json pack, or a .csv or .tsv text file.`,
      });
    }
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    fail({
      code: 'utf16-file',
      message: `${fileLabel} is encoded as UTF-16. Save it again as UTF-8 (in a spreadsheet, choose "CSV UTF-8").`,
    });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = lineAndColumnOfByte(bytes, nul);
    fail({
      code: 'binary-file',
      message: `${fileLabel} contains a NUL byte at line ${line}, column ${column}, so it is a binary file, not a pack or a term list.`,
      line,
      column,
    });
  }
  const invalid = findInvalidUtf8(bytes);
  if (invalid !== -1) {
    const { line, column } = lineAndColumnOfByte(bytes, invalid);
    const byte = (bytes[invalid] as number).toString(16).toUpperCase().padStart(2, '0');
    fail({
      code: 'invalid-utf8',
      message: `${fileLabel} is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column}. Save the file again as UTF-8.`,
      line,
      column,
    });
  }
  // TextDecoder drops a leading byte order mark (EF BB BF) by default.
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.trim() === '') {
    fail({ code: 'empty-file', message: `${fileLabel} contains only white space.` });
  }
  return text;
}
