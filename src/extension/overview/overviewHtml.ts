/**
 * The HTML of the Client Links Overview page, from `overviewModel` (a pure function: no vscode
 * import, unit-tested). Security: the Content-Security-Policy allows only the extension's own
 * stylesheet and script files (no inline style or script, no remote content), and every service
 * string is HTML-escaped. Theme: VS Code's CSS variables and the extension's status colours.
 */
import type { ClientLinkStatus } from '../../core/model/clientLink';
import type { OverviewActivity, OverviewLink, OverviewModel, OverviewStatusCount } from '../../core/workflow/overviewModel';
import type { TimeFormatter } from '../../core/workflow/timeFormat';
import { escapeHtml } from '../details/linkDetailsHtml';
import { STATUS_APPEARANCE, STATUS_COLOR_IDS } from '../tree/statusPalette';

/** Where the page's two files are, as the webview may load them, and the webview's CSP source. */
export interface OverviewAssets {
  readonly cspSource: string;
  readonly styleUri: string;
  readonly scriptUri: string;
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

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

function time(times: TimeFormatter, ms: number, text?: string): string {
  const shown = times.show(ms);
  return `<time datetime="${escapeHtml(new Date(ms).toISOString())}" title="${escapeHtml(`${shown.local} (${shown.utc})`)}">${escapeHtml(text ?? shown.relative)}</time>`;
}

function revealButton(link: Pick<OverviewLink, 'key' | 'name'>): string {
  return `<button class="reveal" type="button" data-reveal="${escapeHtml(link.key)}" title="Reveal ${escapeHtml(link.name)} in the Client Links view">${escapeHtml(link.name)}</button>`;
}

/** The status bar as an SVG (widths are attributes, so no inline style is needed) plus its legend. */
function statusSection(model: OverviewModel): string {
  if (model.total === 0) {
    return '<section aria-labelledby="h-status"><h2 id="h-status">Links by status</h2><p class="muted">No client links yet.</p></section>';
  }
  let x = 0;
  const rects = model.statuses.map((s: OverviewStatusCount) => {
    const width = (s.count / model.total) * 1000;
    const rect = `<rect class="${statusColorClass(s.status)}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="20"><title>${escapeHtml(`${s.label}: ${s.count.toLocaleString('en-US')}`)}</title></rect>`;
    x += width;
    return rect;
  });
  const summary = model.statuses.map((s) => `${s.label} ${s.count.toLocaleString('en-US')}`).join(', ');
  const legend = model.statuses
    .map((s) => `<li data-status="${escapeHtml(s.status)}"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class="${statusColorClass(s.status)}" width="10" height="10"/></svg><span class="label">${escapeHtml(s.label)}</span> <span class="count">${s.count.toLocaleString('en-US')}</span></li>`)
    .join('');
  return [
    '<section aria-labelledby="h-status">',
    `<h2 id="h-status">Links by status <span class="muted">(${plural(model.total, 'link', 'links')})</span></h2>`,
    `<svg class="bar" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(summary)}">${rects.join('')}</svg>`,
    `<ul class="legend">${legend}</ul>`,
    '</section>',
  ].join('');
}

function listSection(id: string, heading: string, empty: string, items: readonly string[]): string {
  const body = items.length ? `<ul class="items">${items.join('')}</ul>` : `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>${body}</section>`;
}

function activityItem(a: OverviewActivity, times: TimeFormatter): string {
  const name = a.listed ? revealButton(a) : `<span class="name">${escapeHtml(a.name)}</span>`;
  const who = a.ours ? ' <span class="muted">(your action)</span>' : '';
  return `<li data-key="${escapeHtml(a.key)}">${name} <span class="muted">became</span> ${escapeHtml(a.toLabel)}${who} <span class="when">${time(times, a.at)}</span></li>`;
}

/** The overview page. */
export function overviewHtml(model: OverviewModel, assets: OverviewAssets, times: TimeFormatter): string {
  const title = model.customerName ? `Client Links Overview: ${model.customerName}` : 'Client Links Overview';
  const listed = model.listedAt === undefined ? 'Links not listed yet.' : `Listed ${time(times, model.listedAt)}.`;
  const expiring = model.expiring.map(
    (e) => `<li data-key="${escapeHtml(e.key)}">${revealButton(e)} <span class="muted">expires</span> <span class="when">${time(times, e.expiresAt)}</span></li>`,
  );
  const stuck = model.stuck.map(
    (s) => `<li data-key="${escapeHtml(s.key)}">${revealButton(s)} <span class="muted">${escapeHtml(s.statusLabel)} since</span> <span class="when">${time(times, s.since)}</span></li>`,
  );
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p class="muted">${listed}</p></header>`,
    statusSection(model),
    listSection('h-expiring', `Invitations expiring in the next ${plural(model.expiringDays, 'day', 'days')}`, 'No invitation expires in that time.', expiring),
    listSection('h-stuck', `Stuck for more than ${plural(model.stuckHours, 'hour', 'hours')}`, 'No link is stuck.', stuck),
    listSection('h-activity', 'Recent activity', 'No change recorded yet.', model.activity.map((a) => activityItem(a, times))),
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
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
