// Issue 14 item 6, as a person meets it in real VS Code (code-server in headless Chromium): Show
// Overview opens the Client Links Overview; what it shows is checked against the simulator's state
// (counts by status, the invitation that expires tomorrow), its bar is drawn in the status colours
// of the theme, and a click on a link reveals and selects that link in the tree.
// Screenshots in test-results/ui/overview/.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { UiSession } from './uiSession';

const AGENCY = '251000123';
const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency
const DAY = 86_400_000;

interface SimLink {
  ManagingCustomerId: string;
  ClientEntityName?: string;
  Status: string;
  LastModifiedDateTime: string;
}

describe('Client Links UI: the overview page', function () {
  let ui: UiSession;

  before(async function () {
    this.timeout(240_000);
    ui = await UiSession.start({ signedIn: 'none', screenshotSubdir: 'overview' });
  });

  after(async function () {
    this.timeout(60_000);
    await ui?.stop();
  });

  afterEach(async function () {
    await ui?.keepFailureEvidence(this.currentTest);
  });

  /** The document inside the active webview (VS Code nests the page in two iframes). */
  const webview = (): FrameLocator => ui.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

  const agencyLinks = async (): Promise<SimLink[]> => ((await ui.control('GET', '/state')) as { links: SimLink[] }).links.filter((l) => l.ManagingCustomerId === AGENCY);

  it('opens from the Command Palette and shows the simulator\'s links counted by status', async () => {
    await ui.openView();
    await ui.signIn(AGENCY_USER);
    await ui.waitForLinksLoaded();
    await ui.runCommand('Client Links: Show Overview');
    const page = webview();
    await page.locator('h1', { hasText: 'Client Links Overview' }).waitFor({ state: 'visible', timeout: 20_000 });
    const shown = await page.locator('ul.legend li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-status') ?? '', Number((li.querySelector('.count')?.textContent ?? '').replace(/,/g, ''))] as const));
    const expected = new Map<string, number>();
    for (const link of await agencyLinks()) {
      expected.set(link.Status, (expected.get(link.Status) ?? 0) + 1);
    }
    assert.deepEqual(new Map([...shown].sort()), new Map([...expected].sort()));
    const heading = (await page.locator('#h-status').textContent()) ?? '';
    assert.match(heading, new RegExp(`\\(${[...expected.values()].reduce((a, b) => a + b, 0)} links\\)`));
    await ui.screenshot('overview');
  });

  it('draws the bar in the status colours of the theme (the stylesheet loaded under the CSP)', async () => {
    const fills = await webview()
      .locator('svg.bar rect')
      .evaluateAll((rects) => rects.map((r) => [r.getAttribute('class') ?? '', getComputedStyle(r).fill] as const));
    assert.ok(fills.length >= 5, `segments: ${fills.length}`);
    for (const [cls, fill] of fills) {
      assert.match(fill, /^rgb/, `${cls} has a colour`);
      assert.notEqual(fill, 'rgb(0, 0, 0)', `${cls}: the theme variable resolved (black means it did not)`);
    }
    const pending = fills.find(([c]) => c === 'c-pending')?.[1];
    const active = fills.find(([c]) => c === 'c-active')?.[1];
    assert.ok(pending && active && pending !== active, 'statuses of different kinds have different colours');
    const bodyColour = await webview().locator('body').evaluate((b) => getComputedStyle(b).color);
    assert.notEqual(bodyColour, 'rgb(0, 0, 0)', 'theme foreground in a dark theme');
  });

  it('lists the invitation that expires tomorrow; a click on it reveals and selects it in the tree', async () => {
    const tomorrow = (await agencyLinks()).find((l) => l.Status === 'LinkPending' && Date.parse(`${l.LastModifiedDateTime}Z`) + 30 * DAY - Date.now() < 2 * DAY);
    assert.ok(tomorrow?.ClientEntityName, 'the demo has an invitation expiring tomorrow');
    const name = tomorrow.ClientEntityName;
    const button = webview().locator('section[aria-labelledby="h-expiring"] button.reveal', { hasText: name });
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await button.click();
    const row = ui.row(`${name}, Pending invitation`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await ui.page.waitForFunction(
      (label) => document.querySelector(`.monaco-list-row[aria-label^="${label}"]`)?.getAttribute('aria-selected') === 'true',
      `${name}, Pending invitation`,
      { timeout: 20_000 },
    );
    await ui.screenshot('overview-revealed');
  });
});
