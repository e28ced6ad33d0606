/** The Markdown tooltip of one link (rendered from `linkFacts`): service text escaped, local times with their age, names where known. */
import type { LinkFacts } from '../../core/workflow/linkFacts';
import { escapeMarkdown } from '../markdownText';

/** The tooltip's own sentences, in the user's language (the tree provider passes them through vscode.l10n). */
export interface LinkTooltipWords {
  /** "Expires {time} if nobody acts." */
  expires: (time: string) => string;
  /** "Last modified {time} by {user}." (without "by" when the user is not known). */
  lastModified: (time: string, by: string | undefined) => string;
  /** The table's column headings. */
  field: string;
  value: string;
}

export function linkTooltipMarkdown(facts: LinkFacts, words: LinkTooltipWords): string {
  const lines: string[] = [`**${escapeMarkdown(facts.title)}**`, ''];
  if (facts.meaning) {
    lines.push(`_${escapeMarkdown(facts.meaning)}_`, '');
  }
  if (facts.expires) {
    lines.push(escapeMarkdown(words.expires(facts.expires.text)), '');
  }
  if (facts.lastModified) {
    lines.push(escapeMarkdown(words.lastModified(facts.lastModified.text, facts.lastModified.by)), '');
  }
  lines.push(`| ${escapeMarkdown(words.field)} | ${escapeMarkdown(words.value)} |`, '|---|---|');
  for (const row of facts.rows) {
    if (row.field === 'LastModifiedDateTime' || row.field === 'LastModifiedByUserId') {
      continue; // said above, in one sentence
    }
    lines.push(`| ${escapeMarkdown(row.label)} | ${escapeMarkdown(row.value)} |`);
  }
  return lines.join('\n');
}
