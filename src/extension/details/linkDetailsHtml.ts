/**
 * The HTML of the Link Details view, from `linkFacts` (a pure function: no vscode import, unit-tested).
 * Security: a Content-Security-Policy that allows nothing but the page's own nonce'd style and
 * script (no remote content, no other inline code), and every service string HTML-escaped.
 * Theme: VS Code's CSS variables only, so light, dark and high-contrast themes all read well.
 */
import type { FactRow, LinkFacts } from '../../core/workflow/linkFacts';

/** The page's own sentences, in the user's language (the panel passes them through vscode.l10n). */
export interface DetailsPageWords {
  /** The page's language, for `<html lang>` (VS Code's display language). */
  language: string;
  /** "Expires {time} if nobody acts." */
  expires: (time: string) => string;
  /** "Last modified {time} by {user}." (without "by" when the user is not known). */
  lastModified: (time: string, by: string | undefined) => string;
  /** A copy button's text, and its title for a field ("Copy client id"). */
  copy: string;
  copyField: (label: string) => string;
  historyHeading: string;
  noHistory: string;
  hint: string;
  /** The page of a link no longer listed. */
  gone: string;
}

/** Where HTML goes in a translated sentence (private-use characters no text has): each slot is replaced after the sentence is escaped. */
export const slot = (i: number): string => `\uE000${i}\uE001`;

/** A translated sentence as HTML: its text escaped, its slots replaced by the given HTML. */
export function sentenceHtml(sentence: string, html: readonly string[]): string {
  return escapeHtml(sentence).replace(/\uE000(\d+)\uE001/g, (_, i: string) => html[Number(i)] ?? '');
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The message a copy button posts to the extension: which field of the shown link to copy. */
export interface CopyMessage {
  type: 'copy';
  field: string;
}

export function isCopyMessage(value: unknown): value is CopyMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'copy' && typeof (value as { field?: unknown }).field === 'string';
}

export function contentSecurityPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; line-height: 1.4; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 20px 0 6px; }
p { margin: 4px 0; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; border: 1px solid var(--vscode-contrastBorder, transparent); background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.meaning, .muted { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin-top: 12px; }
th, td { text-align: left; vertical-align: top; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-editorWidget-border, transparent)); }
th { font-weight: normal; color: var(--vscode-descriptionForeground); white-space: nowrap; }
.value { user-select: text; white-space: pre-wrap; word-break: break-word; }
time { text-decoration: underline dotted; text-underline-offset: 3px; }
button.copy { margin-left: 8px; padding: 0 6px; font: inherit; font-size: 0.9em; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer; }
button.copy:hover { background: var(--vscode-button-secondaryHoverBackground); }
button.copy:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
ol { padding-left: 20px; }
`;

// Posts which field to copy; the extension reads the value from the link (the page never supplies it).
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (button) {
    vscode.postMessage({ type: 'copy', field: button.getAttribute('data-copy') });
  }
});
`;

function timeElement(text: string, utc: string): string {
  return `<time title="${escapeHtml(utc)}">${escapeHtml(text)}</time>`;
}

function rowHtml(row: FactRow, words: DetailsPageWords): string {
  const value = row.title
    ? row.field === 'LastModifiedDateTime' || row.field === 'StartDate'
      ? timeElement(row.value, row.title)
      : `<span title="${escapeHtml(row.title)}">${escapeHtml(row.value)}</span>`
    : escapeHtml(row.value);
  const copy = row.copyable
    ? `<button class="copy" type="button" data-copy="${escapeHtml(row.field)}" title="${escapeHtml(words.copyField(row.label.toLowerCase()))}" aria-label="${escapeHtml(words.copyField(row.label.toLowerCase()))}">${escapeHtml(words.copy)}</button>`
    : '';
  return `<tr><th scope="row">${escapeHtml(row.label)}</th><td><span class="value">${value}</span>${copy}</td></tr>`;
}

function page(nonce: string, title: string, body: string, language: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    `<body>${body}<script nonce="${nonce}">${SCRIPT}</script></body>`,
    '</html>',
  ].join('\n');
}

/** The details page of one link. `nonce` must be fresh and random for each page (the panel makes one). */
export function linkDetailsHtml(facts: LinkFacts, nonce: string, words: DetailsPageWords): string {
  const parts: string[] = [`<h1>${escapeHtml(facts.title)}</h1>`, `<p><span class="status">${escapeHtml(facts.statusLabel)}</span>${facts.meaning ? ` <span class="meaning">${escapeHtml(facts.meaning)}</span>` : ''}</p>`];
  if (facts.expires) {
    parts.push(`<p>${sentenceHtml(words.expires(slot(0)), [timeElement(facts.expires.text, facts.expires.utc)])}</p>`);
  }
  if (facts.lastModified) {
    parts.push(`<p>${sentenceHtml(words.lastModified(slot(0), facts.lastModified.by), [timeElement(facts.lastModified.text, facts.lastModified.utc)])}</p>`);
  }
  parts.push(`<table><tbody>${facts.rows.map((row) => rowHtml(row, words)).join('')}</tbody></table>`);
  parts.push(`<h2>${escapeHtml(words.historyHeading)}</h2>`);
  if (facts.history.length) {
    parts.push(
      `<ol>${facts.history.map((h) => `<li>${timeElement(h.text, h.utc)}: ${h.from === undefined ? '' : `${escapeHtml(h.from)} → `}${escapeHtml(h.status)}${h.cause ? ` <span class="muted">(${escapeHtml(h.cause)})</span>` : ''}</li>`).join('')}</ol>`,
    );
  } else {
    parts.push(`<p class="muted">${escapeHtml(words.noHistory)}</p>`);
  }
  parts.push(`<p class="muted">${escapeHtml(words.hint)}</p>`);
  return page(nonce, facts.title, parts.join('\n'), words.language);
}

/** The page shown when the link is no longer listed (unlinked elsewhere, another customer selected, signed out). */
export function linkGoneHtml(title: string, nonce: string, words: DetailsPageWords): string {
  return page(nonce, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(words.gone)}</p>`, words.language);
}
