/**
 * Pre-flight checks and Sync from CSV in the extension (issue 14, items 4 and 5), against the
 * simulator: the CSV invitation preview leaves rows the checks predict refused unticked with the
 * reason; the wizard warns before sending one; Sync from CSV previews the plan with removals
 * unticked and sends only what the user keeps.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientLink } from '../../../src/core/model/clientLink';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, CapturedMessages, DrivenQuickInputs, FakeMicrosoftSignIn, type FakeQuickInput, type QuickItem, signInAsSuperAdmin } from '../hostHelpers';

const AGENCY = '251000123';

describe('Client Links in the extension host: pre-flight checks and Sync from CSV (issue 14)', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-'));
  const messages = new CapturedMessages();
  const inputs = new DrivenQuickInputs();
  /** Runs a command with `driver` answering its quick picks. */
  const driven = <T>(driver: (q: FakeQuickInput) => void, command: string, ...args: unknown[]): Promise<T> => inputs.drive(driver, () => vscode.commands.executeCommand<T>(command, ...args));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const agencyLink = (status: string, skip = 0): ClientLink => {
    const link = api.store.links.filter((l) => l.ManagingCustomerId === AGENCY && l.Type === 'AccountLink' && l.Status === status)[skip];
    assert.ok(link, `the demo agency has an ${status} account link`);
    return link;
  };
  const simStatus = (id: string | null | undefined): string | null | undefined =>
    (sim.control.state({ includeLinks: true }).links ?? []).find((l) => l.ManagingCustomerId === AGENCY && l.ClientEntityId === id)?.Status;
  const adds = (): number => sim.control.callLog().filter((c) => c.operation === 'AddClientLinks').length;

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    messages.answerModal = () => undefined;
    messages.install();
    inputs.install();
    api = await activateAgainst(sim.endpoint);
    await vscode.commands.executeCommand('clientLinks.signOut');
    assert.equal(await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken), true);
    await signInAsSuperAdmin(api, sim, signIn, AGENCY);
  });

  after(async () => {
    messages.restore();
    inputs.restore();
    signIn.restore();
    await vscode.commands.executeCommand('clientLinks.signOut');
    await vscode.workspace.getConfiguration('clientLinks').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await sim?.close();
  });

  it('the CSV preview leaves rows predicted refused unticked, with the reason; accepting sends only the ticked rows', async () => {
    const pending = agencyLink('LinkPending');
    const active = agencyLink('Active');
    const fresh = sim.seed.invitableAccounts[0]!;
    const file = write('invite.csv', `account_id,name,bill_to_client\n${pending.ClientEntityId},Again,yes\n${fresh.id},Fresh,yes\n${active.ClientEntityId},Linked,no\n${fresh.id},Twice,no\n`);
    let shown: QuickItem[] = [];
    let ticked: QuickItem[] = [];
    const driver = (q: FakeQuickInput): void => {
      shown = [...q.items];
      ticked = [...q.selectedItems];
      q.keep(q.selectedItems);
    };
    const result = await driven<{ outcomes: { state: string; link: ClientLink }[] }>(driver, 'clientLinks.inviteFromCsv', file);
    assert.deepEqual(result.outcomes.map((o) => [o.state, o.link.ClientEntityId]), [['succeeded', fresh.id]]);
    assert.deepEqual(shown.map((i) => i.picked), [false, true, false, false]);
    assert.deepEqual(ticked.map((i) => (i.row as { row: number }).row), [3]);
    assert.match(shown[0]?.label ?? '', /^\$\(warning\) Again$/);
    assert.match(shown[0]?.detail ?? '', /^Predicted refusal \(error 1410\): .* already has a pending invitation from you\.$/);
    assert.match(shown[2]?.detail ?? '', /is already linked to you/);
    assert.match(shown[3]?.detail ?? '', /^The same client as row 3: it is invited once\.$/);
    assert.match(api.logger.recent.join('\n'), /row 2 left unticked: Predicted refusal/);
  });

  it('the invite wizard warns before sending an invitation predicted refused; Cancel sends nothing, Send Anyway sends it', async () => {
    const pending = agencyLink('LinkPending', 1);
    messages.modals.length = 0;
    messages.answerModal = () => undefined;
    const before = adds();
    assert.equal(await vscode.commands.executeCommand('clientLinks.invite', { accountId: pending.ClientEntityId, billToClient: true }), undefined);
    assert.equal(adds(), before, 'nothing was sent');
    assert.equal(messages.modals.length, 1);
    assert.match(messages.modals[0]?.message ?? '', /^Predicted refusal \(error 1410\): .* already has a pending invitation from you\. The service decides; send the invitation anyway\?$/);
    assert.deepEqual(messages.modals[0]?.items, ['Send Anyway']);
    messages.answerModal = () => 'Send Anyway';
    const sent = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.invite', { accountId: pending.ClientEntityId, billToClient: true });
    assert.deepEqual(sent.outcomes.map((o) => o.state), ['failed'], 'the service answered 1410 as predicted');
    assert.equal(adds(), before + 1);
  });

  it('Sync from CSV previews the plan with removals unticked, and applies only what the user keeps', async () => {
    await vscode.commands.executeCommand('clientLinks.refresh');
    const pending = agencyLink('LinkPending', 2);
    const active = agencyLink('Active');
    const fresh = sim.seed.invitableAccounts[1]!;
    const file = write('desired.csv', `account_id,bill_to_client,desired\n${fresh.id},yes,\n${pending.ClientEntityId},, Unlinked\n${active.ClientEntityId},,UNLINKED\n`);
    let shown: QuickItem[] = [];
    let ticked: QuickItem[] = [];
    let title = '';
    const driver = (q: FakeQuickInput): void => {
      shown = [...q.items];
      ticked = [...q.selectedItems];
      title = q.title ?? '';
      // Keep the invitation, tick the unlink, leave the cancellation unticked.
      q.keep([...q.selectedItems, ...q.items.filter((i) => (i.removal as { action?: string } | undefined)?.action === 'unlink')]);
    };
    const result: { invite?: { outcomes: { state: string }[] }; cancel?: unknown; unlink?: { outcomes: { state: string }[] } } = await driven(driver, 'clientLinks.syncFromCsv', file);
    const rows = shown.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    assert.deepEqual(
      shown.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label),
      ['Invitations to send', 'Invitations to cancel (unticked: tick to send)', 'Links to unlink (unticked: tick to send)'],
    );
    assert.deepEqual(rows.map((i) => [i.description, i.picked]), [['row 2', true], [`row 3 · ${pending.ClientEntityId}`, false], [`row 4 · ${active.ClientEntityId}`, false]]);
    assert.equal(ticked.length, 1, 'only the invitation starts ticked');
    assert.equal(rows[0]?.label, fresh.id, 'a row without a name shows the id');
    assert.equal(rows[0]?.detail, 'Invite · client pays');
    assert.equal(rows[2]?.detail, 'Request unlink · marked unlinked');
    assert.equal(title, 'Sync: send 1 change? Removals start unticked.');
    assert.deepEqual(result.invite?.outcomes.map((o) => o.state), ['succeeded']);
    assert.deepEqual(result.unlink?.outcomes.map((o) => o.state), ['succeeded']);
    assert.equal(result.cancel, undefined, 'the unticked cancellation was not sent');
    assert.equal(simStatus(fresh.id), 'LinkPending');
    assert.equal(simStatus(pending.ClientEntityId), 'LinkPending', 'the invitation left unticked is still pending');
    assert.match(simStatus(active.ClientEntityId) ?? '', /^Unlink/);
  });

  it('Sync from CSV with nothing to change says so and sends nothing', async () => {
    await vscode.commands.executeCommand('clientLinks.refresh');
    const active = agencyLink('Active');
    const file = write('same.csv', `account_id,bill_to_client\n${active.ClientEntityId},yes\n`);
    const before = sim.control.callLog().filter((c) => c.operation === 'AddClientLinks' || c.operation === 'UpdateClientLinks').length;
    const driver = () => assert.fail('no preview for an empty plan');
    assert.deepEqual(await driven(driver, 'clientLinks.syncFromCsv', file), {});
    assert.equal(sim.control.callLog().filter((c) => c.operation === 'AddClientLinks' || c.operation === 'UpdateClientLinks').length, before);
  });
  it('Sync from CSV leaves clients not in the file alone until the preview\'s toggle adds their removals, unticked; ticks made before are kept', async () => {
    await vscode.commands.executeCommand('clientLinks.refresh');
    const active = agencyLink('Active');
    const other = agencyLink('Active', 1);
    const pendingElsewhere = agencyLink('LinkPending');
    const fresh = sim.seed.invitableAccounts[2]!;
    const agencyRemovable = api.store.links.filter((l) => l.ManagingCustomerId === AGENCY && (l.Status === 'Active' || l.Status === 'LinkPending') && l.ClientEntityId !== active.ClientEntityId && l.ClientEntityId !== fresh.id).length;
    assert.ok(agencyRemovable > 1);
    const file = write('partial.csv', `account_id,bill_to_client,desired\n${fresh.id},yes,\n${active.ClientEntityId},,unlinked\n`);
    let before: QuickItem[] = [];
    let after: QuickItem[] = [];
    let tickedAfter: QuickItem[] = [];
    let tooltips: string[] = [];
    const driver = (q: FakeQuickInput): void => {
      before = [...q.items];
      tooltips = q.buttons.map((b) => b.tooltip ?? '');
      // Tick the file's own unlink, then ask for the clients not in the file.
      const fileUnlink = q.items.find((i) => (i.removal as { cause?: string } | undefined)?.cause === 'markedUnlinked');
      q.tick([...q.selectedItems, ...(fileUnlink ? [fileUnlink] : [])]);
      q.press();
      after = [...q.items];
      tickedAfter = [...q.selectedItems];
      tooltips.push(...q.buttons.map((b) => b.tooltip ?? ''));
      // Send the invitation, the file's unlink and one unlink of a client not in the file.
      const unlistedUnlink = q.items.find((i) => (i.removal as { action?: string; link?: ClientLink } | undefined)?.link?.ClientEntityId === other.ClientEntityId);
      assert.ok(unlistedUnlink, 'the other active link is proposed for unlinking');
      q.keep([...q.selectedItems, unlistedUnlink]);
    };
    const result: { invite?: { outcomes: { state: string }[] }; cancel?: unknown; unlink?: { outcomes: { state: string }[] } } = await driven(driver, 'clientLinks.syncFromCsv', file);
    const removalsOf = (items: QuickItem[], cause: string): QuickItem[] => items.filter((i) => (i.removal as { cause?: string } | undefined)?.cause === cause);
    assert.equal(removalsOf(before, 'unlisted').length, 0, 'clients not in the file are left alone at first');
    assert.equal(removalsOf(before, 'markedUnlinked').length, 1);
    const unlistedRows = removalsOf(after, 'unlisted');
    assert.equal(unlistedRows.length, agencyRemovable, 'the toggle lists a removal for every pending invitation and active link of a client not in the file');
    assert.ok(unlistedRows.some((i) => (i.removal as { link: ClientLink }).link.ClientEntityId === pendingElsewhere.ClientEntityId), 'a pending invitation not in the file is proposed for cancelling');
    assert.ok(unlistedRows.every((i) => i.picked === false && /not in the file/.test(i.detail ?? '')), 'they start unticked and say why');
    assert.deepEqual(
      tickedAfter.map((i) => i.rowKey).sort(),
      [...before.filter((i) => i.picked).map((i) => i.rowKey), removalsOf(before, 'markedUnlinked')[0]?.rowKey].sort(),
      'what was ticked before the toggle stays ticked, nothing else',
    );
    assert.match(tooltips[0] ?? '', /^Also propose removing the \d+ links and invitations of clients not in the file/);
    assert.equal(tooltips[1], 'Leave clients not in the file alone');
    assert.deepEqual(result.invite?.outcomes.map((o) => o.state), ['succeeded']);
    assert.deepEqual(result.unlink?.outcomes.map((o) => o.state), ['succeeded', 'succeeded']);
    assert.equal(result.cancel, undefined);
    assert.match(simStatus(other.ClientEntityId) ?? '', /^Unlink/, 'the ticked client not in the file was unlinked');
    assert.equal(simStatus(pendingElsewhere.ClientEntityId), 'LinkPending', 'the unticked one was left alone');
  });

  it('Sync from CSV that already matches offers to review the removals of clients not in the file; declining sends nothing', async () => {
    await vscode.commands.executeCommand('clientLinks.refresh');
    const active = agencyLink('Active');
    const file = write('match.csv', `account_id,bill_to_client\n${active.ClientEntityId},yes\n`);
    const sent = (): number => sim.control.callLog().filter((c) => c.operation === 'AddClientLinks' || c.operation === 'UpdateClientLinks').length;
    const before = sent();
    let shown: QuickItem[] = [];
    messages.answerToast = () => 'Review Removing Them';
    const driver = (q: FakeQuickInput): void => {
      shown = [...q.items];
      q.keep([]);
    };
    try {
      await driven(driver, 'clientLinks.syncFromCsv', file);
    } finally {
      messages.answerToast = () => undefined;
    }
    const message = messages.toasts.at(-1);
    assert.match(message?.message ?? '', /already match match\.csv: nothing to send\. \d+ of your links and invitations are for clients not in the file: left alone\./);
    assert.deepEqual(message?.items, ['Review Removing Them']);
    const rows = shown.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    assert.ok(rows.length > 0 && rows.every((i) => i.picked === false && (i.removal as { cause?: string } | undefined)?.cause === 'unlisted'), 'the preview lists only unticked removals of clients not in the file');
    assert.ok(!rows.some((i) => (i.removal as { link: ClientLink }).link.ClientEntityId === active.ClientEntityId), 'the client in the file is not among them');
    assert.equal(sent(), before, 'closing the preview with nothing ticked sends nothing');
  });
});
