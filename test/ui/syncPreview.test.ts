// Issue 14, item 5, as a person meets it in real VS Code (code-server in headless Chromium): Sync
// from CSV on a desired-state file shows the plan as a preview where the invitation is ticked and
// the cancellation and the unlink (everything that removes a link) are unticked. Escape sends
// nothing. Screenshot in test-results/ui/sync/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UiSession } from './uiSession';

const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency 251000123

describe('Client Links UI: the Sync from CSV preview', function () {
  let ui: UiSession;

  before(async function () {
    this.timeout(240_000);
    ui = await UiSession.start({ signedIn: 'none', screenshotSubdir: 'sync' });
  });

  after(async function () {
    this.timeout(60_000);
    await ui?.stop();
  });

  afterEach(async function () {
    await ui?.keepFailureEvidence(this.currentTest);
  });

  it('previews invitations ticked and removals unticked; Escape sends nothing', async () => {
    await ui.openView();
    await ui.signIn(AGENCY_USER);
    // 180012346 has no link yet; 180034001 (Northwind Gourmet) is pending; 180034003 (Northwind Coffee DE) is Active.
    const csv = path.join(ui.server.workspaceFolder, 'desired-clients.csv');
    fs.writeFileSync(csv, 'account_id,bill_to_client,desired\n180012346,yes,\n180034001,,unlinked\n180034003,,unlinked\n');
    const pendingBefore = (await ui.groups()).find((g) => g.label === 'Pending invitation')?.count;
    await ui.runCommand('Client Links: Sync from CSV...');
    await ui.chooseFileInOpenDialog(csv);
    await ui.waitForQuickInput(/Sync: send 1 change\? Removals start unticked\./);
    await ui.page.waitForTimeout(300);
    const rows = await ui.quickRows().evaluateAll((els) =>
      els.map((r) => {
        const box = r.querySelector<HTMLInputElement>('input[type=checkbox]');
        return { label: r.getAttribute('aria-label') ?? '', checked: r.getAttribute('aria-checked') ?? box?.getAttribute('aria-checked') ?? String(box?.checked ?? '') };
      }),
    );
    await ui.screenshot('sync-preview');
    const text = (await ui.quickInput().textContent()) ?? '';
    assert.match(text, /Invitations to send/);
    assert.match(text, /Invitations to cancel \(unticked: tick to send\)/);
    assert.match(text, /Links to unlink \(unticked: tick to send\)/);
    const find = (id: string): { label: string; checked: string } | undefined => rows.find((r) => r.label.includes(id));
    assert.ok(find('180012346') && find('180034001') && find('180034003'), `rows: ${JSON.stringify(rows)}`);
    assert.equal(find('180012346')?.checked, 'true', `the invitation is ticked: ${JSON.stringify(rows)}`);
    assert.equal(find('180034001')?.checked, 'false', 'the cancellation is unticked');
    assert.equal(find('180034003')?.checked, 'false', 'the unlink is unticked');
    await ui.closeQuickInput();
    await ui.page.waitForTimeout(500);
    assert.equal((await ui.groups()).find((g) => g.label === 'Pending invitation')?.count, pendingBefore, 'nothing was sent');
  });
});
