// Checks that a generated definition can serve as a reference to grade answers against.
// A definition that fails is kept but flagged, so the user can edit or regenerate it.

export const MIN_DEFINITION_WORDS = 5;
export const MAX_DEFINITION_SENTENCES = 2;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower-cases and collapses white space, so prompts that differ only in case or spacing compare equal. */
export function normalizePrompt(prompt: string): string {
  return prompt.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/**
 * The forms of a prompt to look for in its definition: the prompt itself, and for
 * "Application Programming Interface (API)" also the part before and inside the brackets.
 */
function promptForms(prompt: string): string[] {
  const forms = new Set<string>();
  const trimmed = prompt.trim();
  forms.add(trimmed);
  const bracketed = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(trimmed);
  if (bracketed?.[1] !== undefined && bracketed[2] !== undefined) {
    forms.add(bracketed[1]);
    forms.add(bracketed[2]);
  }
  return [...forms].filter((form) => form.length >= 2);
}

/** Whether the definition uses the term it defines, as a whole word or phrase, in singular or plural. */
export function usesTermItself(prompt: string, definition: string): boolean {
  return promptForms(prompt).some((form) => {
    const words = form.split(/\s+/).map(escapeRegExp).join('\\s+');
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${words}(e?s)?(?=$|[^\\p{L}\\p{N}])`, 'iu');
    return pattern.test(definition);
  });
}

function countSentences(text: string): number {
  // A full stop after a single letter or a common abbreviation does not end a sentence ("e.g.", "U.S.").
  const cleaned = text.replace(/\b(e\.g|i\.e|etc|vs|cf|approx|[A-Za-z])\./g, '$1');
  const sentences = cleaned.split(/[.!?]+(?:\s+|$)/).filter((part) => part.trim() !== '');
  return sentences.length;
}

/** Returns the problems of one definition, each as a sentence; empty when it is usable. */
export function definitionIssues(prompt: string, definition: string): string[] {
  const issues: string[] = [];
  const text = definition.trim();
  const words = text === '' ? 0 : text.split(/\s+/).length;
  if (words < MIN_DEFINITION_WORDS) {
    issues.push(`The definition has ${words === 1 ? '1 word' : `${words} words`}; at least ${MIN_DEFINITION_WORDS} are needed to grade an answer against it.`);
  }
  const sentences = countSentences(text);
  if (sentences > MAX_DEFINITION_SENTENCES) {
    issues.push(`The definition has ${sentences} sentences; one or two are wanted.`);
  }
  if (usesTermItself(prompt, text)) {
    issues.push(`The definition uses the term "${prompt.trim()}" itself, so it defines the term by itself.`);
  }
  if (/\bsee\s+also\b/i.test(text)) {
    issues.push('The definition says "see also" instead of defining the term.');
  }
  return issues;
}
