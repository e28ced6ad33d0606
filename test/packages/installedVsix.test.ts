// The VSIX as users install it: code-server's VS Code server installs msads-client-links-<version>.vsix
// with `--install-extension` (as `code --install-extension` does), nothing of the development folder
// is loaded, and the demo smoke runs against it in headless Chromium over REST (the protocol users
// get from 2027-01-31): sign in, the links grouped by status, one action (invite a client from a
// CSV file), every call over REST; the Extensions view shows its icon and its README, whose
// screenshots VS Code keeps (https sources).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionId } from '../harness/paths';
import { UiSession } from '../ui/uiSession';
import { requireFile, rootManifest, vsixFile } from './archives';

const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency
const OUTLET = 'Fabrikam Outlet - CA'; // account 180012346, invitable by the agency

interface InstalledExtension {
  identifier: { id: string };
  version: string;
  relativeLocation?: string;
  metadata?: { source?: string };
}

describe('The installed VSIX in real VS Code (code-server --install-extension), over REST', () => {
  let ui: UiSession;
  const saved = process.env.MSADS_TEST_VSIX;

  before(async function () {
    this.timeout(240_000);
    requireFile(vsixFile, 'npm run package');
    // startClientLinksServer installs this VSIX instead of linking the development build.
    process.env.MSADS_TEST_VSIX = vsixFile;
    try {
      ui = await UiSession.start({ signedIn: 'none', settings: { 'clientLinks.api': 'rest' }, screenshotSubdir: 'vsix' });
    } finally {
      if (saved === undefined) {
        delete process.env.MSADS_TEST_VSIX;
      } else {
        process.env.MSADS_TEST_VSIX = saved;
      }
    }
  });

  after(async function () {
    this.timeout(60_000);
    await ui?.stop();
  });

  afterEach(async function () {
    await ui?.keepFailureEvidence(this.currentTest);
  });

  it('is installed from the VSIX: an unpacked copy of the package, not the development folder', () => {
    const extensionsDir = ui.server.extensionsDir;
    const folder = path.join(extensionsDir, `${extensionId}-${rootManifest.version}`);
    assert.ok(fs.existsSync(folder), `${folder} exists`);
    assert.equal(fs.lstatSync(folder).isSymbolicLink(), false, 'a real folder, not a link to the repository');
    assert.deepEqual(fs.readdirSync(folder).sort(), ['.vsixmanifest', 'LICENSE.txt', 'changelog.md', 'dist', 'l10n', 'media', 'package.json', 'package.nls.json', 'readme.md']);
    assert.deepEqual(fs.readdirSync(path.join(folder, 'dist')).sort(), ['extension.js', 'service.js']);
    const registry = JSON.parse(fs.readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8')) as InstalledExtension[];
    const mine = registry.find((e) => e.identifier.id === extensionId);
    assert.ok(mine, `${extensionId} is in extensions.json`);
    assert.equal(mine.version, rootManifest.version);
    assert.equal(mine.metadata?.source, 'vsix', 'VS Code recorded the install as from a VSIX');
  });

  it('signs in and shows the links grouped by status', async () => {
    await ui.openView();
    await ui.waitForViewText(/Sign In with Microsoft/);
    await ui.signIn(AGENCY_USER);
    const groups = await ui.groups();
    const labels = groups.map((g) => g.label);
    for (const expected of ['Pending invitation', 'Active']) {
      assert.ok(labels.includes(expected), `group "${expected}" in ${labels.join(', ')}`);
    }
    for (const g of groups) {
      assert.match(g.count, /^\d+$/, `group "${g.label}" shows a count`);
    }
    await ui.screenshot('signed-in-groups');
  });

  it('invites a client from a CSV file: the invitation appears as pending', async () => {
    const csv = path.join(ui.server.workspaceFolder, 'vsix-smoke.csv');
    fs.writeFileSync(csv, 'account_id,bill_to_client,note\n180012346,yes,VSIX smoke\n');
    const pendingBefore = Number((await ui.groups()).find((g) => g.label === 'Pending invitation')?.count ?? '0');
    await ui.runCommand('Client Links: Invite Clients from CSV...');
    await ui.chooseFileInOpenDialog(csv);
    await ui.waitForQuickInput(/Send 1 invitation/);
    await ui.acceptQuickInput();
    await ui.waitForGroupCount('Pending invitation', pendingBefore + 1);
    await ui.collapseAll();
    await ui.expandGroup('Pending invitation');
    await ui.waitForRow(`${OUTLET}, Pending invitation`);
    await ui.screenshot('invited');
  });

  it('shows its icon in the Extensions view, and its README with the screenshots as https images', async () => {
    await ui.runCommand('Extensions: Show Installed Extensions');
    const row = ui.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Client Links for Microsoft Advertising' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    // The icon (media/icon.png from the package) is loaded, at 128x128. Looked up afresh on every
    // check: the list renders its rows again (e.g. when the activation time appears), so an element
    // taken once can be a detached copy that never loads.
    await ui.page.waitForFunction(
      (name) =>
        Array.from(document.querySelectorAll('.extensions-viewlet .monaco-list-row'))
          .filter((r) => r.textContent?.includes(name))
          .some((r) => {
            const img = r.querySelector('img.icon');
            return img instanceof HTMLImageElement && img.complete && img.naturalWidth === 128 && img.naturalHeight === 128;
          }),
      'Client Links for Microsoft Advertising',
      { timeout: 30_000 },
    );
    await row.click();
    // The details page is a webview (nested iframes). VS Code keeps README images only when their
    // source is https (relative paths are dropped): each screenshot must be there with an https source.
    // (This machine is offline, so they are not fetched here.)
    const shots = ['links-grouped-by-status.png', 'accept-invitations-context-menu.png', 'failed-action-in-log.png'];
    let seen: string[] = [];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      seen = [];
      for (const frame of ui.page.frames()) {
        const sources = await frame.evaluate(() => Array.from(document.images).map((i) => i.getAttribute('src') ?? '')).catch(() => [] as string[]);
        seen.push(...sources.filter((src) => shots.some((s) => src.endsWith(s))));
      }
      if (shots.every((s) => seen.some((src) => src.endsWith(s)))) {
        break;
      }
      await ui.page.waitForTimeout(500);
    }
    await ui.screenshot('extension-details');
    for (const shot of shots) {
      const src = seen.find((x) => x.endsWith(`/media/screenshots/${shot}`));
      assert.ok(src, `README screenshot ${shot} is on the extension page (sources seen: ${seen.join(', ') || 'none'})`);
      assert.match(src, /^https:\/\//, `${shot} has an https source`);
    }
  });

  it('made every request over REST', async () => {
    const calls = (await ui.control('GET', '/calls')) as { protocol?: string; operation: string }[];
    assert.ok(calls.some((c) => c.operation === 'AddClientLinks'), `the invitation reached the simulator (${calls.map((c) => c.operation).join(', ')})`);
    assert.deepEqual([...new Set(calls.map((c) => c.protocol))], ['rest']);
  });
});
