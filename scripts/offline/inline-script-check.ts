// The build's check that index.html loads all its code from files, because the content
// security policy in docs/hosting.md allows no inline script.

import { readFile } from 'node:fs/promises';

/** Matches an opening script tag without a src attribute, that is, an inline script. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>/i;

/** Matches an event handler attribute such as onload="…", which the policy blocks as well. */
const INLINE_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=/i;

/** Throws when the built index.html contains an inline script or an inline event handler. */
export async function checkNoInlineScript(indexHtmlPath: string): Promise<void> {
  const html = await readFile(indexHtmlPath, 'utf8');
  const match = INLINE_SCRIPT.exec(html) ?? INLINE_HANDLER.exec(html);
  if (match) {
    throw new Error(
      `${indexHtmlPath} contains inline code (${match[0]}). The content security policy in docs/hosting.md ` +
        "allows scripts from the app's own files only; move the code into a module under src/.",
    );
  }
}
