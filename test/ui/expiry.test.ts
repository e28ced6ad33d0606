// Issue 14, item 1, as a person meets it in real VS Code (code-server in headless Chromium): pending
// invitations sorted by expiry show the days they have left, the one the demo seed sent 29 days ago
// first ("less than a day left"), and one notification says it expires soon. Screenshots in
// test-results/ui/expiry/.
import * as assert from 'node:assert/strict';
import { UiSession } from './uiSession';

const AGENCY_USER = 'Avery Howard'; // Super Admin of Contoso Agency 251000123

describe('Client Links UI: the expiry radar', function () {
  let ui: UiSession;

  before(async function () {
    this.timeout(240_000);
    ui = await UiSession.start({ signedIn: 'none', screenshotSubdir: 'expiry', settings: { 'clientLinks.expiryWarningDays': 5, 'clientLinks.sortBy': 'expiry' } });
  });

  after(async function () {
    this.timeout(60_000);
    await ui?.stop();
  });

  afterEach(async function () {
    await ui?.keepFailureEvidence(this.currentTest);
  });

  it('pending invitations show their days left, the soonest first, and one notification names the one about to expire', async function () {
    this.timeout(120_000);
    await ui.openView();
    await ui.signIn(AGENCY_USER);
    await ui.expandGroup('Pending invitation');
    await ui.waitForRow('less than a day left');
    const labels = (await ui.linkLabels()).filter((l) => /days? left|less than a day left/.test(l));
    assert.ok(labels.length >= 5, labels.join('\n'));
    const days = labels.map((l) => (/less than a day left/.test(l) ? 0 : Number(/(\d+) days? left/.exec(l)?.[1])));
    assert.equal(days[0], 0, 'the invitation sent 29 days ago comes first');
    assert.deepEqual(days, [...days].sort((a, b) => a - b), 'sorted by expiry');
    const row = ui.row('less than a day left');
    assert.match((await row.locator('.label-description').textContent()) ?? '', /^less than a day left · /);
    const toast = ui.notifications().filter({ hasText: /expires? .*if nobody answers/ });
    await toast.first().waitFor({ state: 'visible', timeout: 20_000 });
    await ui.screenshot('pending-days-left');
    assert.equal(await toast.count(), 1, 'one notification');
  });
});
