import { beforeAll } from 'vitest';
import { packValidator, termListRowValidator } from '../../../src/packs/schema-validators';

/**
 * Compiles the Ajv validators in a hook, because the first compile took over 5 s
 * (Vitest's default test timeout) on a 2-core machine busy with model training, and
 * would otherwise fail whichever test happens to run first.
 */
export function compileSchemasFirst(): void {
  beforeAll(() => {
    packValidator();
    termListRowValidator();
  }, 120_000);
}
