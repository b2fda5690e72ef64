import type { ErrorObject } from 'ajv/dist/2020';
import { MAX_REPORTED_PROBLEMS } from './limits';
import { PACK_FORMAT, PACK_FORMAT_MAJOR, PACK_FORMAT_MINOR, PACK_FORMAT_VERSION, type Pack } from './pack-format';
import { PackReadError, fail, jsonPointerToPath, type PackProblem } from './pack-problems';
import { checkPackReferences } from './pack-references';
import { normalizePack } from './normalize-pack';
import { schemaErrorsToProblems } from './schema-problems';
import { packSchemaValidator } from './schema-validators';

export interface ValidatedPack {
  pack: Pack;
  /** Things the learner should know that did not stop the import, such as ignored properties. */
  notices: string[];
}

/** Returns the value at JSON Pointer `pointer` in `root`, or undefined. */
function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') {
    return root;
  }
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Returns a locator that names a JSON path and, inside a term, the term's prompt. */
function makeLocator(root: unknown): (pointer: string) => string {
  return (pointer) => {
    const path = jsonPointerToPath(pointer);
    const termPointer = /^\/terms\/\d+/.exec(pointer)?.[0];
    if (termPointer === undefined) {
      return path;
    }
    const prompt = valueAt(root, `${termPointer}/prompt`);
    return typeof prompt === 'string' && prompt.trim() !== '' && prompt.length <= 80
      ? `${path} (term "${prompt.trim()}")`
      : path;
  };
}

function raiseProblems(problems: readonly PackProblem[]): never {
  throw new PackReadError(problems.slice(0, MAX_REPORTED_PROBLEMS), Math.max(0, problems.length - MAX_REPORTED_PROBLEMS));
}

interface FormatVersion {
  major: number;
  minor: number;
}

/** Raises unless `value` is a pack of a major version this app reads, and returns its version. */
function checkFormatAndVersion(value: Record<string, unknown>): FormatVersion {
  const format = value.format;
  if (format !== PACK_FORMAT) {
    fail({
      code: 'wrong-format',
      message:
        format === undefined
          ? `This JSON file has no "format" property, so it is not a Know-It-All Tutor pack (expected "format": "${PACK_FORMAT}").`
          : `The "format" property is ${JSON.stringify(format)}; a Know-It-All Tutor pack has "${PACK_FORMAT}".`,
      path: '$.format',
    });
  }
  const version = value.formatVersion;
  if (version === undefined) {
    fail({
      code: 'missing-version',
      message: `The pack has no "formatVersion" property; add "formatVersion": "${PACK_FORMAT_VERSION}".`,
      path: '$.formatVersion',
    });
  }
  const match = typeof version === 'string' ? /^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$/.exec(version) : null;
  if (match === null) {
    fail({
      code: 'invalid-version',
      message: `$.formatVersion is ${JSON.stringify(version)}; it must be a string "major.minor", such as "${PACK_FORMAT_VERSION}".`,
      path: '$.formatVersion',
    });
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major > PACK_FORMAT_MAJOR) {
    fail({
      code: 'newer-major-version',
      message: `This pack uses format version ${major}.${minor}, written by a newer release of Know-It-All Tutor; this app reads versions ${PACK_FORMAT_MAJOR}.x. Reload the app while online to update it, then import again.`,
      path: '$.formatVersion',
    });
  }
  if (major < PACK_FORMAT_MAJOR) {
    fail({
      code: 'older-major-version',
      message: `This pack uses format version ${major}.${minor}, which this app does not read; it reads versions ${PACK_FORMAT_MAJOR}.x.`,
      path: '$.formatVersion',
    });
  }
  return { major, minor };
}

/** Deletes the property that an `additionalProperties` error names and returns its JSON path. */
function deleteUnknownProperty(root: unknown, error: ErrorObject): string {
  const parent = valueAt(root, error.instancePath);
  const property = String((error.params as Record<string, unknown>).additionalProperty);
  if (typeof parent === 'object' && parent !== null) {
    delete (parent as Record<string, unknown>)[property];
  }
  return jsonPointerToPath(`${error.instancePath}/${property.replaceAll('~', '~0').replaceAll('/', '~1')}`);
}

/**
 * Validates a parsed pack against pack.schema.json and its cross-references and
 * returns it normalized (text trimmed, only known properties). A pack of a newer
 * minor version is read without the properties this version does not know, which
 * the notices list. Raises a PackReadError listing every problem with its JSON path.
 * `value` may be modified.
 */
export function validatePack(value: Record<string, unknown>): ValidatedPack {
  const version = checkFormatAndVersion(value);
  const validate = packSchemaValidator;
  const notices: string[] = [];
  if (!validate(value) && version.minor > PACK_FORMAT_MINOR) {
    const unknown = (validate.errors ?? []).filter((error) => error.keyword === 'additionalProperties');
    if (unknown.length > 0) {
      const ignored = unknown.map((error) => deleteUnknownProperty(value, error));
      const listed = ignored.slice(0, 5).join(', ');
      const more = ignored.length > 5 ? ` and ${ignored.length - 5} more` : '';
      notices.push(
        `This pack uses format version ${version.major}.${version.minor}, newer than this app's ${PACK_FORMAT_VERSION}. These properties are not known to this app and were ignored: ${listed}${more}.`,
      );
    }
    validate(value);
  }
  if (validate.errors != null && validate.errors.length > 0) {
    raiseProblems(schemaErrorsToProblems(validate.errors, makeLocator(value)));
  }
  const pack = value as unknown as Pack;
  const referenceProblems = checkPackReferences(pack);
  if (referenceProblems.length > 0) {
    raiseProblems(referenceProblems);
  }
  if (pack.progress !== undefined && pack.progress.attempts.length > 0) {
    notices.push(`This pack contains the exporter's progress: ${pack.progress.attempts.length} answers. They are imported only if you choose so.`);
  }
  return { pack: normalizePack(pack), notices };
}

