// Builds what the benchmark serves: the production app (`vite build`, as `npm start`
// does) and the benchmark page, which Vite bundles the same way but into bench-results/.

import { join } from 'node:path';

import { build } from 'vite';

export interface BuildFolders {
  /** The production build, as `npm run build` writes it but in a folder of its own, so other users of dist/ are not disturbed. */
  app: string;
  benchPage: string;
}

export function buildFolders(repoRoot: string): BuildFolders {
  return { app: join(repoRoot, 'bench-results', 'app'), benchPage: join(repoRoot, 'bench-results', 'page') };
}

/**
 * Builds the app with the project's vite.config.ts, as `vite build` does, so the measured
 * files are the shipped ones. Vite's build API is used rather than its command line,
 * whose lock refuses to run while another `vite build` runs in the same project.
 */
export async function buildApp(repoRoot: string, outDir: string): Promise<void> {
  await build({
    root: repoRoot,
    configFile: join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
}

export async function buildBenchPage(repoRoot: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(repoRoot, 'scripts', 'bench', 'page'),
    base: './',
    // The page reads the model from the production build, so public/ is not copied again.
    publicDir: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { target: 'es2022', outDir, emptyOutDir: true, reportCompressedSize: false },
  });
}
