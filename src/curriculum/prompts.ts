// Chat messages that ask the model for subdomains, terms and single definitions. Each
// prompt shows the JSON schema, because some servers ignore response_format.
//
// The prompts carry no worked example on purpose: SmolLM2-135M, the test model, copied an
// example domain ("Cooking") into its replies, both when the example sat in the request
// and when it came as an earlier exchange.
import type { ChatMessage } from './chat-client';

export interface DomainBrief {
  domainName: string;
  /** Free-form notes from the user: level, language, scope. */
  notes: string;
}

const SYSTEM_PROMPT =
  'You design study material for a quiz app that grades learners by comparing their answers with reference definitions. ' +
  'You reply with one JSON object and nothing else: no prose, no Markdown code fences.';

function schemaBlock(schema: object): string {
  return `Reply with JSON that follows this JSON schema:\n${JSON.stringify(schema)}`;
}

function domainLines(brief: DomainBrief): string[] {
  const lines = [`Domain: ${brief.domainName.trim()}`];
  if (brief.notes.trim() !== '') {
    lines.push(`Notes from the learner (level, language, scope): ${brief.notes.trim()}`);
  }
  return lines;
}

function subdomainRequest(brief: DomainBrief, count: number, schema: object): string {
  return [
    ...domainLines(brief),
    '',
    `Split this domain into ${count} subdomains that together cover it without overlapping.`,
    'Give each subdomain a short "name" and a one-line "scope" sentence that says what it covers.',
    '',
    schemaBlock(schema),
  ].join('\n');
}

export function subdomainMessages(brief: DomainBrief, count: number, schema: object): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: subdomainRequest(brief, count, schema) },
  ];
}

export interface SubdomainBrief {
  name: string;
  scope: string;
  /** Names of the domain's other subdomains, whose terms belong elsewhere. */
  siblings: string[];
  /** Prompts already in the draft, which the model must not repeat. */
  existingPrompts: string[];
}

function termRequest(brief: DomainBrief, subdomain: SubdomainBrief, count: number, schema: object): string {
  const lines = [...domainLines(brief), `Subdomain: ${subdomain.name} (${subdomain.scope})`];
  if (subdomain.siblings.length > 0) {
    lines.push(`Other subdomains, whose terms belong there: ${subdomain.siblings.join('; ')}`);
  }
  lines.push(
    '',
    `Write ${count} key terms of this subdomain. For each term give:`,
    '- "prompt": the term itself, a word or short phrase a learner is asked to explain;',
    '- "definition": one or two sentences that define the term precisely enough to grade an answer against. ' +
      'Do not use the term itself in its definition, and do not write "see also" or point to other terms;',
    '- "sources": the books, standards or web pages the definition draws on, or [] when none.',
  );
  if (subdomain.existingPrompts.length > 0) {
    lines.push(`Do not repeat these terms, which are already listed: ${subdomain.existingPrompts.join('; ')}`);
  }
  lines.push('', schemaBlock(schema));
  return lines.join('\n');
}

export function termMessages(brief: DomainBrief, subdomain: SubdomainBrief, count: number, schema: object): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: termRequest(brief, subdomain, count, schema) },
  ];
}

export function definitionMessages(
  brief: DomainBrief,
  subdomainName: string,
  prompt: string,
  currentDefinition: string,
  issues: string[],
  schema: object,
): ChatMessage[] {
  const lines = [
    ...domainLines(brief),
    `Subdomain: ${subdomainName}`,
    `Term: ${prompt}`,
    `Current definition: ${currentDefinition}`,
  ];
  if (issues.length > 0) {
    lines.push(`Problems with it: ${issues.join(' ')}`);
  }
  lines.push(
    '',
    'Write a better "definition": one or two sentences that define the term precisely enough to grade an answer against, ' +
      'without using the term itself and without "see also". List the "sources" it draws on, or [] when none.',
    '',
    schemaBlock(schema),
  );
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: lines.join('\n') },
  ];
}

const MAX_ECHOED_REPLY_LENGTH = 2000;

/**
 * Messages that follow a rejected reply on a retry: the reply itself, then what was wrong
 * with it, so the model can correct it.
 */
export function retryMessages(rejectedReply: string, problem: string): ChatMessage[] {
  const echoed = rejectedReply.length > MAX_ECHOED_REPLY_LENGTH ? `${rejectedReply.slice(0, MAX_ECHOED_REPLY_LENGTH)}…` : rejectedReply;
  return [
    { role: 'assistant', content: echoed },
    {
      role: 'user',
      content: `That reply cannot be used. ${problem} Reply again with only a JSON object that follows the schema.`,
    },
  ];
}
