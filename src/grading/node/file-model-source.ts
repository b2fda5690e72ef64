// Model files read from a folder on disk, for the grade CLI, the evaluation script
// and the unit tests. Node-only: the browser bundle never imports this file.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { GraderError } from '../errors';
import type { ModelFileSource } from '../model-files';

export class FileModelSource implements ModelFileSource {
  readonly location: string;
  readonly #folder: string;

  constructor(folder: string) {
    this.#folder = resolve(folder);
    this.location = `${this.#folder}/`;
  }

  async readFile(name: string, onBytes?: (loadedBytes: number) => void): Promise<Uint8Array> {
    const path = join(this.#folder, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new GraderError('fetch-failed', `Could not read model file ${path}: ${reason}`, { cause: error });
    }
    onBytes?.(bytes.byteLength);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
