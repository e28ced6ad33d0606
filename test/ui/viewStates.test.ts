// Issue 12, items 7, 8 and 10, in real VS Code (the VS Code server of code-server in headless
// Chromium), once per colour theme (Default Dark Modern, Default Light Modern, Default High
// Contrast, set with `workbench.colorTheme` for the run): the status icons in the
// extension's own colours, readable on the theme's side bar; a filter with 0 matches and its Clear
// Filter button; an expired token and its Sign In button; a hung refresh and its Cancel Refresh
// button; a Viewer told what the role allows, with no Invite. Screenshots in test-results/ui/themes/<theme>/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UiSession } from './uiSession';

const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency 251000123
const VIEWER_USER = 'Casey Brooks'; // Viewer of Contoso Agency

type ThemeKind = 'dark' | 'light' | 'highContrast';
/** `name`: the `workbench.colorTheme` value; `sideBar`: its sideBar.background, to know it is applied. */
const THEMES: readonly { name: string; kind: ThemeKind; slug: string; bodyClass: string; sideBar: string }[] = [
  { name: 'Default Dark Modern', kind: 'dark', slug: 'dark', bodyClass: 'vs-dark', sideBar: 'rgb(24, 24, 24)' },
  { name: 'Default Light Modern', kind: 'light', slug: 'light', bodyClass: 'vs', sideBar: 'rgb(248, 248, 248)' },
  { name: 'Default High Contrast', kind: 'highContrast', slug: 'high-contrast', bodyClass: 'hc-black', sideBar: 'rgb(0, 0, 0)' },
];

/** The status groups of the demo seed and the colour each shows (package.json contributes.colors). */
const GROUP_COLORS: readonly [group: string, colorId: string][] = [
  ['Pending invitation', 'clientLinks.status.pending'],
  ['Linking in progress', 'clientLinks.status.linking'],
  ['Active', 'clientLinks.status.active'],
  ['Unlink pending', 'clientLinks.status.unlinking'],
  ['Declined', 'clientLinks.status.failed'],
  ['Expired', 'clientLinks.status.ended'],
];

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { colors: { id: string; defaults: Record<ThemeKind, string> }[] };
};

function rgbOf(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

for (const theme of THEMES) {
  describe(`Client Links UI: the view's states in ${theme.name}`, function () {
    let ui: UiSession;

    before(async function () {
      this.timeout(240_000);
      ui = await UiSession.start({ signedIn: 'none', settings: { 'workbench.colorTheme': theme.name }, screenshotSubdir: path.join('themes', theme.slug) });
    });

    after(async function () {
      this.timeout(60_000);
      await ui?.stop();
    });

    afterEach(async function () {
      await ui?.keepFailureEvidence(this.currentTest);
    });

    it(`shows the status icons in the extension's colours, readable on the ${theme.kind} side bar`, async () => {
      // The theme applies a moment after the workbench opens.
      await ui.page.waitForFunction(
        (t) => (document.querySelector('.monaco-workbench')?.classList.contains(t.bodyClass) ?? false) && getComputedStyle(document.querySelector('.part.sidebar') ?? document.body).backgroundColor === t.sideBar,
        { bodyClass: theme.bodyClass, sideBar: theme.sideBar },
        { timeout: 30_000 },
      );
      await ui.openView();
      await ui.signIn(AGENCY_USER);
      const background = await ui.sideBarBackground();
      for (const [group, colorId] of GROUP_COLORS) {
        const expected = manifest.contributes.colors.find((c) => c.id === colorId)?.defaults[theme.kind];
        assert.ok(expected, `${colorId} has a ${theme.kind} default`);
        const shown = await ui.groupRow(group).locator('.custom-view-tree-node-item-icon').first().evaluate((el) => getComputedStyle(el).color);
        assert.equal(shown, rgbOf(expected), `"${group}" icon colour in ${theme.name}`);
        const ratio = contrast(shown, background);
        assert.ok(ratio >= 4.5, `"${group}" icon ${shown} on ${background}: ${ratio.toFixed(2)}:1`);
      }
      await ui.expandGroup('Unlink pending');
      await ui.screenshot('status-colours');
      await ui.collapseAll();
    });

    it('a filter with 0 matches says so and offers Clear Filter, which brings the links back', async () => {
      const groupsBefore = (await ui.groups()).length;
      await ui.runCommand('Client Links: Filter Links');
      await ui.quickInput().waitFor({ state: 'visible' });
      await ui.quickInputBox().fill('zzzz');
      await ui.page.keyboard.press('Enter');
      await ui.waitForViewText(/Filter: "zzzz" \(0 of \d+\): no link matches/);
      await ui.waitForRow('Clear Filter');
      assert.equal((await ui.groups()).filter((g) => g.label !== 'Clear Filter').length, 0, 'no group is shown');
      await ui.screenshot('filter-no-match');
      await ui.row('Clear Filter').click();
      await ui.waitForRowGone('Clear Filter');
      await ui.waitForLinksLoaded();
      assert.equal((await ui.groups()).length, groupsBefore);
    });

    it('after an expired access token the view offers Sign In above the last links', async () => {
      await ui.control('POST', '/faults', { operation: 'SearchClientLinks', fault: 'expiredToken', count: 20 });
      await ui.runCommand('Client Links: Refresh');
      await ui.waitForViewText(/the last refresh failed/);
      await ui.waitForRow('Sign In with Microsoft');
      assert.ok((await ui.groups()).some((g) => g.label === 'Active'), 'the last good links stay');
      await ui.dismissNotifications();
      await ui.screenshot('expired-token-sign-in');
      await ui.control('DELETE', '/faults');
      await ui.runCommand('Client Links: Refresh');
      await ui.waitForRowGone('Sign In with Microsoft');
    });

    it('a hung refresh shows Cancel Refresh in the title bar; cancelling keeps the links, with no error', async () => {
      const groupsBefore = await ui.groups();
      await ui.control('POST', '/faults', { operation: 'SearchClientLinks', fault: 'hang', count: 1 });
      await ui.runCommand('Client Links: Refresh');
      const cancel = ui.page.locator('.sidebar .action-label[aria-label^="Cancel Refresh"]').first();
      await cancel.waitFor({ state: 'visible', timeout: 20_000 });
      assert.ok(!(await ui.viewTitleActions()).some((a) => a.startsWith('Refresh')), 'Refresh is replaced while one runs');
      await ui.screenshot('refresh-cancellable');
      await cancel.click();
      await ui.page.locator('.sidebar .action-label[aria-label^="Refresh"]').first().waitFor({ state: 'visible', timeout: 20_000 });
      assert.deepEqual(await ui.groups(), groupsBefore, 'the links shown are unchanged');
      const text = ((await ui.view().textContent()) ?? '').replace(/\s+/g, ' ');
      assert.doesNotMatch(text, /refresh failed|Could not load/);
      assert.equal(await ui.notifications().filter({ hasText: /fail|error|cancel/i }).count(), 0, 'no error notification');
      await ui.control('DELETE', '/faults');
    });

    it('a Viewer is told what the role allows, offered Select Customer, and no Invite', async () => {
      await ui.viewMenu('Sign Out');
      await ui.waitForViewText(/Sign In with Microsoft/);
      await ui.signIn(VIEWER_USER, { waitForLinks: false });
      await ui.waitForViewText(/Viewer: Microsoft Advertising shows client links only to a Super Admin/);
      await ui.waitForRow('Select Customer');
      const text = ((await ui.view().textContent()) ?? '').replace(/\s+/g, ' ');
      assert.doesNotMatch(text, /No client links for this customer yet/);
      assert.doesNotMatch(text, /Invite a Client|Invite Clients from CSV/);
      const actions = await ui.viewTitleActions();
      assert.ok(!actions.some((a) => /^Invite/.test(a)), `no Invite in the title bar: ${actions.join(', ')}`);
      await ui.dismissNotifications();
      await ui.screenshot('viewer');
    });
  });
}
