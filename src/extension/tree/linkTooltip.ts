/** The Markdown tooltip of one link (rendered from `linkFacts`): service text escaped, local times with their age, names where known. */
import type { LinkFacts } from '../../core/workflow/linkFacts';

/** Escapes Markdown (and HTML) so service data can never inject links, images or markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`);
}

export function linkTooltipMarkdown(facts: LinkFacts): string {
  const lines: string[] = [`**${escapeMarkdown(facts.title)}**`, ''];
  if (facts.meaning) {
    lines.push(`_${escapeMarkdown(facts.meaning)}_`, '');
  }
  if (facts.expires) {
    lines.push(escapeMarkdown(`Expires ${facts.expires.text} if nobody acts.`), '');
  }
  if (facts.lastModified) {
    lines.push(escapeMarkdown(`Last modified ${facts.lastModified.text}${facts.lastModified.by ? ` by ${facts.lastModified.by}` : ''}.`), '');
  }
  lines.push('| Field | Value |', '|---|---|');
  for (const row of facts.rows) {
    if (row.field === 'LastModifiedDateTime' || row.field === 'LastModifiedByUserId') {
      continue; // said above, in one sentence
    }
    lines.push(`| ${escapeMarkdown(row.label)} | ${escapeMarkdown(row.value)} |`);
  }
  return lines.join('\n');
}
