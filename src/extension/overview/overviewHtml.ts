/**
 * The HTML of the Client Links Overview page, from `overviewModel` (a pure function: no vscode
 * import, unit-tested). Security: the Content-Security-Policy allows only the extension's own
 * stylesheet and script files (no inline style or script, no remote content), and every service
 * string is HTML-escaped. Theme: VS Code's CSS variables and the extension's status colours.
 */
import type { ClientLinkStatus } from '../../core/model/clientLink';
import type { StatusCount } from '../../core/workflow/grouping';
import type { OverviewActivity, OverviewLink, OverviewModel } from '../../core/workflow/overviewModel';
import type { TimeFormatter } from '../../core/workflow/timeFormat';
import { escapeHtml, sentenceHtml, slot } from '../details/linkDetailsHtml';
import { STATUS_APPEARANCE, STATUS_COLOR_IDS } from '../tree/statusPalette';

/** Where the page's two files are, as the webview may load them, and the webview's CSP source. */
export interface OverviewAssets {
  readonly cspSource: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

/** The page's own sentences, in the user's language (the panel passes them through vscode.l10n). `{n}` slots take HTML. */
export interface OverviewPageWords {
  /** The page's language, for `<html lang>` and numbers (VS Code's display language). */
  language: string;
  title: (customerName: string | undefined) => string;
  /** "Listed {time}." */
  listed: (time: string) => string;
  notListed: string;
  statusHeading: string;
  /** "(5 links)" */
  linkCount: (count: number) => string;
  noLinks: string;
  expiringHeading: (days: number) => string;
  noExpiring: string;
  /** "{name} expires {time}" */
  expiringItem: (name: string, time: string) => string;
  stuckHeading: (hours: number) => string;
  noStuck: string;
  /** The section when the stuck-link watch is off (its setting is 0). */
  stuckOffHeading: string;
  stuckOff: string;
  /** "{name}: {status} since {time}" */
  stuckItem: (name: string, status: string, time: string) => string;
  activityHeading: string;
  noActivity: string;
  /** "{name} became {status} {time}" (ours: "… (your action) …") */
  activityItem: (name: string, status: string, time: string, ours: boolean) => string;
  /** A link button's title: "Reveal {name} in the Client Links view". */
  reveal: (name: string) => string;
}

/** The message a link in the page posts: reveal this link in the tree. */
export interface RevealMessage {
  type: 'reveal';
  key: string;
}

export function isRevealMessage(value: unknown): value is RevealMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'reveal' && typeof (value as { key?: unknown }).key === 'string';
}

export function overviewContentSecurityPolicy(cspSource: string): string {
  return `default-src 'none'; style-src ${cspSource}; script-src ${cspSource}; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
}

/** The CSS class of a status's colour (media/overview.css defines one per colour the extension contributes). */
export function statusColorClass(status: string): string {
  const appearance = STATUS_APPEARANCE[status as ClientLinkStatus] as (typeof STATUS_APPEARANCE)[ClientLinkStatus] | undefined;
  const id = appearance?.[1];
  const name = (Object.keys(STATUS_COLOR_IDS) as (keyof typeof STATUS_COLOR_IDS)[]).find((k) => STATUS_COLOR_IDS[k] === id);
  return name ? `c-${name}` : 'c-unknown';
}

function count(n: number, language: string): string {
  return n.toLocaleString(language);
}

function time(times: TimeFormatter, ms: number): string {
  const shown = times.show(ms);
  return `<time datetime="${escapeHtml(new Date(ms).toISOString())}" title="${escapeHtml(`${shown.local} (${shown.utc})`)}">${escapeHtml(shown.relative)}</time>`;
}

function revealButton(link: Pick<OverviewLink, 'key' | 'name'>, words: OverviewPageWords): string {
  return `<button class="reveal" type="button" data-reveal="${escapeHtml(link.key)}" title="${escapeHtml(words.reveal(link.name))}">${escapeHtml(link.name)}</button>`;
}

/** The status bar as an SVG (widths are attributes, so no inline style is needed) plus its legend. */
function statusSection(model: OverviewModel, words: OverviewPageWords): string {
  if (model.total === 0) {
    return `<section aria-labelledby="h-status"><h2 id="h-status">${escapeHtml(words.statusHeading)}</h2><p class="muted">${escapeHtml(words.noLinks)}</p></section>`;
  }
  let x = 0;
  const rects = model.statuses.map((s: StatusCount) => {
    const width = (s.count / model.total) * 1000;
    const rect = `<rect class="${statusColorClass(s.status)}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="20"><title>${escapeHtml(`${s.label}: ${count(s.count, words.language)}`)}</title></rect>`;
    x += width;
    return rect;
  });
  const summary = model.statuses.map((s) => `${s.label} ${count(s.count, words.language)}`).join(', ');
  const legend = model.statuses
    .map((s) => `<li data-status="${escapeHtml(s.status)}"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="${statusColorClass(s.status)}" width="10" height="10"/></svg><span class="label">${escapeHtml(s.label)}</span> <span class="count">${count(s.count, words.language)}</span></li>`)
    .join('');
  return [
    '<section aria-labelledby="h-status">',
    `<h2 id="h-status">${escapeHtml(words.statusHeading)} <span class="muted">${escapeHtml(words.linkCount(model.total))}</span></h2>`,
    `<svg class="bar" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(summary)}">${rects.join('')}</svg>`,
    `<ul class="legend">${legend}</ul>`,
    '</section>',
  ].join('');
}

function listSection(id: string, heading: string, empty: string, items: readonly string[]): string {
  const body = items.length ? `<ul class="items">${items.join('')}</ul>` : `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>${body}</section>`;
}

function activityItem(a: OverviewActivity, times: TimeFormatter, words: OverviewPageWords): string {
  const name = a.listed ? revealButton(a, words) : `<span class="name">${escapeHtml(a.name)}</span>`;
  return `<li data-key="${escapeHtml(a.key)}">${sentenceHtml(words.activityItem(slot(0), a.toLabel, slot(1), a.ours), [name, `<span class="when">${time(times, a.at)}</span>`])}</li>`;
}

/** The overview page. */
export function overviewHtml(model: OverviewModel, assets: OverviewAssets, times: TimeFormatter, words: OverviewPageWords): string {
  const title = words.title(model.customerName);
  const listed = model.listedAt === undefined ? escapeHtml(words.notListed) : sentenceHtml(words.listed(slot(0)), [time(times, model.listedAt)]);
  const when = (ms: number): string => `<span class="when">${time(times, ms)}</span>`;
  const expiring = model.expiring.map((e) => `<li data-key="${escapeHtml(e.key)}">${sentenceHtml(words.expiringItem(slot(0), slot(1)), [revealButton(e, words), when(e.expiresAt)])}</li>`);
  const stuck = model.stuck.map((s) => `<li data-key="${escapeHtml(s.key)}">${sentenceHtml(words.stuckItem(slot(0), s.statusLabel, slot(1)), [revealButton(s, words), when(s.since)])}</li>`);
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p class="muted">${listed}</p></header>`,
    statusSection(model, words),
    listSection('h-expiring', words.expiringHeading(model.expiringDays), words.noExpiring, expiring),
    model.stuckHours > 0 ? listSection('h-stuck', words.stuckHeading(model.stuckHours), words.noStuck, stuck) : listSection('h-stuck', words.stuckOffHeading, words.stuckOff, []),
    listSection('h-activity', words.activityHeading, words.noActivity, model.activity.map((a) => activityItem(a, times, words))),
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(words.language)}">`,
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${overviewContentSecurityPolicy(assets.cspSource)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(assets.styleUri)}">`,
    '</head>',
    `<body>${body}<script src="${escapeHtml(assets.scriptUri)}"></script></body>`,
    '</html>',
  ].join('\n');
}
