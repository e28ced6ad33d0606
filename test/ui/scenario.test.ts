// The product issue's demo, done as a person would in real VS Code (the VS Code server of code-server
// in headless Chromium): "A new user can, in the demo, sign in, see the links grouped by status,
// invite three clients from a CSV, accept as the client, watch them become Active, unlink one, and
// see a failed action explained in the output channel."
// Each step leaves a screenshot in test-results/ui/ (the REST run in test-results/ui/rest/). Steps run
// in order and stop at the first failure. The scenario runs once per wire protocol (clientLinks.api).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UiSession } from './uiSession';

const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency 251000123
const CLIENT_USER = 'Mei Chen'; // Super Admin of Fabrikam 250987654
const OUTLET = 'Fabrikam Outlet - CA'; // account 180012346 (Fabrikam)
const BOOTS = 'Fabrikam Boots - UK'; // account 180012347 (Fabrikam)
const DELI = 'Northwind Deli - US'; // account 180034002 (Northwind: Mei Chen cannot accept it)

for (const api of ['soap', 'rest'] as const) {
  describe(`Client Links UI: the demo scenario in real VS Code over ${api.toUpperCase()}`, function () {
    let ui: UiSession;

    before(async function () {
      this.timeout(240_000);
      ui = await UiSession.start({ signedIn: 'none', settings: { 'clientLinks.api': api }, screenshotSubdir: api === 'soap' ? undefined : api });
    });

    after(async function () {
      this.timeout(60_000);
      await ui?.stop();
    });

    afterEach(async function () {
      await ui?.keepFailureEvidence(this.currentTest);
    });

    it('signs in as the agency and shows the links grouped by status with counts', async () => {
      await ui.openView();
      await ui.waitForViewText(/Sign In with Microsoft/);
      await ui.screenshot('welcome');
      await ui.signIn(AGENCY_USER);
      const groups = await ui.groups();
      const labels = groups.map((g) => g.label);
      for (const expected of ['Pending invitation', 'Active', 'Declined']) {
        assert.ok(labels.includes(expected), `group "${expected}" in ${labels.join(', ')}`);
      }
      for (const g of groups) {
        assert.match(g.count, /^\d+$/, `group "${g.label}" shows a count`);
      }
      const status = await ui.statusBarText();
      assert.match(status, /\d+/, `status bar item shows a number: "${status}"`);
      await ui.screenshot('agency-groups');
    });

    it('expands a group: each link row names its status', async () => {
      await ui.expandGroup('Active');
      const labels = await ui.linkLabels();
      assert.ok(labels.length > 0, 'the Active group has links');
      for (const l of labels) {
        assert.match(l, /, Active$/, `aria label "${l}" ends with its status`);
      }
      await ui.screenshot('active-expanded');
      await ui.collapseAll();
    });

    it('invites three clients from a CSV file chosen in the open dialog, after the preview', async () => {
      const csv = path.join(ui.server.workspaceFolder, 'new-clients.csv');
      fs.writeFileSync(csv, 'account_id,bill_to_client,note\n180012346,yes,Demo: Fabrikam Outlet\n180012347,yes,Demo: Fabrikam Boots\n180034002,no,Demo: Northwind Deli\n');
      const pendingBefore = Number((await ui.groups()).find((g) => g.label === 'Pending invitation')?.count ?? '0');
      await ui.runCommand('Client Links: Invite Clients from CSV...');
      // VS Code's simple file dialog (remote workspace): a quick input holding a path.
      await ui.chooseFileInOpenDialog(csv);
      await ui.waitForQuickInput(/Send 3 invitations/);
      const preview = await ui.quickRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
      assert.equal(preview.length, 3, `preview rows: ${preview.join(' | ')}`);
      await ui.screenshot('csv-preview');
      await ui.acceptQuickInput();
      await ui.waitForGroupCount('Pending invitation', pendingBefore + 3);
      await ui.expandGroup('Pending invitation');
      const labels = await ui.linkLabels();
      for (const name of [OUTLET, BOOTS, DELI]) {
        // The label goes on with the days the invitation has left ("…, Pending invitation, 30 days left").
        assert.ok(labels.some((l) => l.startsWith(`${name}, Pending invitation`)), `"${name}, Pending invitation" in ${labels.join(' | ')}`);
      }
      await ui.screenshot('invited');
    });

    it('signs out from the view menu and signs in as the client', async () => {
      await ui.viewMenu('Sign Out', 'view-menu-sign-out');
      await ui.waitForViewText(/Sign In with Microsoft/);
      await ui.signIn(CLIENT_USER);
      // The client's pending invitations await its answer: that group opens by itself.
      await ui.waitForRow(`${OUTLET}, Pending invitation`);
      await ui.screenshot('client-pending');
    });

    it('accepts two invitations at once from the context menu (ctrl-click multi-select)', async () => {
      await ui.row(`${OUTLET}, Pending invitation`).click();
      await ui.row(`${BOOTS}, Pending invitation`).click({ modifiers: ['Control'] });
      await ui.contextMenu(ui.row(`${BOOTS}, Pending invitation`), 'Accept Invitation', 'client-context-menu');
      await ui.waitForRowGone(`${OUTLET}, Pending invitation`);
      await ui.waitForRowGone(`${BOOTS}, Pending invitation`);
      await ui.screenshot('client-accepted');
    });

    it('shows them Active after the simulator clock moves on and the view refreshes', async () => {
      await ui.control('POST', '/clock/advance', { ms: 20 * 60_000 });
      await ui.runCommand('Client Links: Refresh');
      await ui.collapseAll();
      await ui.expandGroup('Active');
      await ui.waitForRow(`${OUTLET}, Active`);
      await ui.waitForRow(`${BOOTS}, Active`);
      await ui.screenshot('client-active');
    });

    it('signs back in as the agency and requests an unlink from the context menu, confirming the modal', async () => {
      await ui.viewMenu('Sign Out');
      await ui.waitForViewText(/Sign In with Microsoft/);
      await ui.signIn(AGENCY_USER);
      await ui.collapseAll();
      await ui.expandGroup('Active');
      await ui.waitForRow(`${OUTLET}, Active`);
      await ui.contextMenu(ui.row(`${OUTLET}, Active`), 'Request Unlink');
      const text = await ui.answerDialog('Request Unlink', 'unlink-confirm');
      assert.match(text, new RegExp(OUTLET), 'the confirmation names the link');
      await ui.waitForRowGone(`${OUTLET}, Active`);
      // Unlink requested moves on to Unlink pending at once (simulator lifecycle): look in both groups.
      await ui.collapseAll();
      await ui.expandGroup('Unlink requested');
      await ui.expandGroup('Unlink pending');
      await ui.waitForRow(`${OUTLET}, Unlink`);
      await ui.screenshot('unlink-requested');
    });

    it('explains a failed Cancel Invitation in the "Microsoft Advertising" output channel', async () => {
      await ui.control('POST', '/faults', { operation: 'UpdateClientLinks', fault: 'internalError', count: 5 });
      await ui.collapseAll();
      await ui.expandGroup('Pending invitation');
      await ui.contextMenu(ui.row(`${DELI}, Pending invitation`), 'Cancel Invitation');
      await ui.answerDialog('Withdraw Invitation');
      // The failure is reported in a notification; the link keeps its status.
      await ui.notifications().filter({ hasText: /fail|could not|error/i }).first().waitFor({ state: 'visible', timeout: 60_000 });
      await ui.screenshot('cancel-failed-notification');
      await ui.waitForRow(`${DELI}, Pending invitation`);
      await ui.runCommand('Client Links: Show Log');
      const line = await ui.waitForOutputLine(/\[error\] Cancel invitation: .*?TrackingId=[0-9a-f-]{8,}/i);
      assert.match(line, new RegExp(DELI), `the error line names the link: ${line}`);
      assert.match(line, /PartialError \d+ InternalError/, `the error line carries a code: ${line}`);
      await ui.screenshot('output-channel-error');
      await ui.control('DELETE', '/faults');
    });

    it(`made every request of the scenario over ${api.toUpperCase()}`, async () => {
      const calls = (await ui.control('GET', '/calls')) as { protocol?: string; operation: string }[];
      assert.ok(calls.length > 10, `the simulator saw the scenario's calls (${calls.length})`);
      assert.deepEqual([...new Set(calls.map((c) => c.protocol))], [api]);
    });
  });
}
