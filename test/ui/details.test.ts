// Issue 12, items 5 and 17, as a person meets them in real VS Code (code-server in headless Chromium):
// a single click on a link only selects it, Enter opens its details in a tab (a webview: service text
// escaped, shown as text), a double-click opens another, and a selection with different statuses
// offers the actions that apply to some of them with their count. Screenshots in test-results/ui/details/.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { UiSession } from './uiSession';

const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency 251000123
const GOURMET = 'Northwind Gourmet - US'; // pending; note: Shopping & search management — "holiday" push <2026>.

describe('Client Links UI: Link Details from the tree, and a mixed selection', function () {
  let ui: UiSession;

  before(async function () {
    this.timeout(240_000);
    ui = await UiSession.start({ signedIn: 'none', screenshotSubdir: 'details' });
  });

  after(async function () {
    this.timeout(60_000);
    await ui?.stop();
  });

  afterEach(async function () {
    await ui?.keepFailureEvidence(this.currentTest);
  });

  /** The editor tabs' titles. */
  const tabTitles = async (): Promise<string[]> => ui.page.locator('.tabs-container .tab .label-name').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));

  /** The document inside the active webview (VS Code nests the page in two iframes). */
  const webview = (): FrameLocator => ui.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

  it('signs in as the agency; a single click on a link selects it and opens nothing', async () => {
    await ui.openView();
    await ui.signIn(AGENCY_USER);
    await ui.expandGroup('Pending invitation');
    await ui.waitForRow(`${GOURMET}, Pending invitation`);
    await ui.row(`${GOURMET}, Pending invitation`).click();
    await ui.page.waitForTimeout(800); // longer than a double-click: a details tab would have opened by now
    assert.deepEqual(await tabTitles(), [], 'no tab after a single click');
    assert.equal(await ui.row(`${GOURMET}, Pending invitation`).getAttribute('aria-selected'), 'true');
  });

  it('Enter opens the details: every field as text, service text escaped, times local', async () => {
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.tabs-container .tab', { hasText: GOURMET }).waitFor({ state: 'visible', timeout: 20_000 });
    const page = webview();
    await page.locator('h1', { hasText: GOURMET }).waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await page.locator('body').textContent()) ?? '';
    // The note's & " < > arrive as text (escaped in the HTML), not as markup or backslash escapes.
    assert.match(text, /Shopping & search management — "holiday" push <2026>\./);
    assert.doesNotMatch(text, /\\[.\-_]/);
    assert.match(text, /Pending invitation/);
    assert.match(text, /Expires .+ \(in \d+ days\) if nobody acts\./);
    assert.match(text, /Last modified .+ ago\) by Avery Howard \(you\)\./);
    const utc = await page.locator('time').first().getAttribute('title');
    assert.match(utc ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/, 'UTC on hover');
    assert.ok((await page.locator('button.copy').count()) >= 3, 'copy buttons beside the ids');
    await ui.screenshot('details-enter');
  });

  it('a double-click on another link opens its details too', async () => {
    await ui.collapseAll();
    await ui.expandGroup('Active');
    const first = ui.view().locator('.monaco-list-row[aria-level="2"]').first();
    const label = ((await first.getAttribute('aria-label')) ?? '').replace(/, Active$/, '');
    assert.ok(label, 'an Active link');
    await first.dblclick();
    await ui.page.locator('.tabs-container .tab', { hasText: label }).waitFor({ state: 'visible', timeout: 20_000 });
    await webview().locator('h1', { hasText: label }).waitFor({ state: 'visible', timeout: 20_000 });
    await ui.screenshot('details-double-click');
  });

  it('the details read in light, dark and high-contrast themes (theme colours; text contrast at least 4.5:1)', async () => {
    for (const theme of ['Light Modern', 'Light High Contrast', 'Dark High Contrast', 'Dark Modern']) {
      await ui.closeQuickInput();
      await ui.page.keyboard.press('F1');
      await ui.quickInput().waitFor({ state: 'visible' });
      await ui.quickInputBox().fill('>Preferences: Color Theme');
      await ui.pickQuickItem('Preferences: Color Theme'); // not "Browse Color Themes in Marketplace"
      await ui.waitForQuickInput(/Select Color Theme/);
      await ui.quickInputBox().fill(theme);
      await ui.page.waitForFunction(
        (t) => (document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row')?.getAttribute('aria-label') ?? '').startsWith(t),
        theme,
        { timeout: 15_000 },
      );
      await ui.page.keyboard.press('Enter');
      await ui.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
      // The page's colours come from the theme's CSS variables: read what it shows now.
      const colours = await webview()
        .locator('body')
        .evaluate((body) => {
          const style = (el: Element): { color: string; background: string } => ({ color: getComputedStyle(el).color, background: getComputedStyle(el).backgroundColor });
          const status = body.querySelector('.status');
          const th = body.querySelector('th');
          return { body: style(body), status: status ? style(status) : undefined, th: th ? getComputedStyle(th).color : undefined };
        });
      const ratio = contrast(colours.body.color, colours.body.background);
      assert.ok(ratio >= 4.5, `${theme}: body text ${colours.body.color} on ${colours.body.background} has contrast ${ratio.toFixed(2)}`);
      assert.ok(colours.th && contrast(colours.th, colours.body.background) >= 4.5, `${theme}: field labels ${colours.th} on ${colours.body.background}`);
      assert.ok(colours.status && contrast(colours.status.color, colours.status.background) >= 3, `${theme}: status badge ${colours.status?.color} on ${colours.status?.background}`);
      await ui.screenshot(`details-${theme.toLowerCase().replace(/\s+/g, '-')}`);
    }
  });

  it('a selection with different statuses offers the actions that apply to some, with their count', async () => {
    await ui.page.keyboard.press('Escape');
    await ui.collapseAll();
    await ui.expandGroup('Pending invitation');
    await ui.expandGroup('Active');
    const activeRow = ui.view().locator('.monaco-list-row[aria-level="2"][aria-label$=", Active"]').first();
    await ui.row(`${GOURMET}, Pending invitation`).click();
    await activeRow.click({ modifiers: ['Control'] });
    await ui.contextMenu(activeRow, 'Actions for Selected Links...', 'mixed-selection-menu');
    await ui.waitForQuickInput(/2 selected links: which action\?/);
    const rows = await ui.quickRows().evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.ok(rows.some((r) => r.startsWith('Cancel invitation: 1 of 2 selected')), `rows: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.startsWith('Request unlink: 1 of 2 selected')), `rows: ${rows.join(' | ')}`);
    await ui.screenshot('mixed-selection-actions');
    await ui.closeQuickInput();
  });
});

/** WCAG contrast ratio of two CSS rgb()/rgba() colours (alpha ignored: the page's backgrounds are opaque). */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
