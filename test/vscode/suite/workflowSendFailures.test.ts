/**
 * Issue 12, items 4, 14, 15 and 16 in the real extension host: what happens when sending fails and
 * the invite flows. Retry Failed is offered only for failures that can succeed when sent again;
 * the others get Save Failure Report (a CSV that imports again) and a mark in the tree; CSV
 * problems and refused rows show on the file's rows in the Problems panel; the CSV preview's title
 * follows the ticked rows; the invite wizard has a review step, asks before discarding on Escape,
 * names the client and reveals the new link. Quick picks and input boxes are driven through
 * stand-ins for vscode.window.createQuickPick/createInputBox (the real ones need a person).
 * Runs after workflowOverRest.test.ts (file order), which leaves the extension signed out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientLinksApi } from '../../../src/extension/extension';
import type { LinkNode } from '../../../src/extension/tree/linksTreeProvider';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, CapturedMessages, DrivenQuickInputs, FakeMicrosoftSignIn, signInAsSuperAdmin, until } from '../hostHelpers';

const AGENCY = '251000123';

describe('Client Links in the extension host: send failures and the invite flows (issue 12)', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-failures-'));
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  /** Modal confirmations are answered with their first button unless a test says otherwise (the wizard's Escape asks one). */
  const messages = new CapturedMessages();
  const toasts = messages.toasts;
  /** Drives every quick input the extension shows while `inputs.driver` is set. */
  const inputs = new DrivenQuickInputs();

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const pendingOrActive = (): string[] => api.store.links.filter((l) => l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink' && (l.Status === 'LinkPending' || l.Status === 'Active')).map((l) => l.ClientEntityId ?? '');
  const lastWarning = (): { message: string; items: string[] } | undefined => toasts.filter((t) => t.level === 'warn').at(-1);

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
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
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await sim?.close();
  });

  let reportSource = '';
  it('failures that cannot succeed again: no Retry Failed, Save Failure Report instead, the rows marked in the Problems panel and the tree', async () => {
    const existing = pendingOrActive()[0];
    assert.ok(existing, 'the demo agency has a pending or active account link');
    reportSource = write('refused.csv', `account_id,name,bill_to_client\n999999991,Nobody,yes\n${sim.seed.prepaidAccountId},Bellows Prepaid,no\n${existing},Again,yes\n`);
    toasts.length = 0;
    const result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.inviteFromCsv', reportSource, { skipPreview: true });
    assert.deepEqual(result.outcomes.map((o) => o.state), ['failed', 'failed', 'failed']);
    const warning = lastWarning();
    assert.ok(warning, 'a summary was shown');
    assert.match(warning.message, /^Invite: 0 of 3 done, 3 failed\. Sending again would fail the same way: fix them first \(Save Failure Report lists them with the reason\)\./);
    assert.match(warning.message, /First problem \(row 2\): No account has this id; check the account id \(error 2108\)\.$/);
    assert.ok(!warning.items.includes('Retry Failed'), `items: ${warning.items.join(', ')}`);
    assert.ok(warning.items.includes('Save Failure Report'), `items: ${warning.items.join(', ')}`);
    assert.equal(api.store.lastFailed, undefined, 'Retry Failed has nothing to send');
    toasts.length = 0;
    assert.equal(await vscode.commands.executeCommand('clientLinks.retryFailed'), undefined, 'Retry Failed from the palette sends nothing');
    assert.match(toasts.at(-1)?.message ?? '', /^Nothing to retry: the failures of the last action would fail the same way/);
    assert.deepEqual(toasts.at(-1)?.items, ['Save Failure Report']);

    // Each refused row on its row of the file, with the reason.
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(reportSource));
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [1, 2, 3]);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.source === 'Client Links'));
    assert.match(diagnostics[0]?.message ?? '', /^Row 2 not invited: No account has this id; check the account id \(error 2108\)\.$/);
    assert.match(diagnostics[1]?.message ?? '', /prepaid account \(error 1471\)/);
    assert.match(diagnostics[2]?.message ?? '', /already exists; see the existing link \(error 1410\)/);

    // The existing link the duplicate invitation is about is marked in the tree, with the reason on hover.
    const link = api.store.links.find((l) => l.ClientEntityId === existing && l.ManagingCustomerId === AGENCY)!;
    const node = api.tree.nodeFor(`${AGENCY}:AccountLink:${existing}`) as LinkNode;
    assert.ok(node && link);
    const item = api.tree.getTreeItem(node);
    assert.match(String(item.description), /^last action failed/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    const tooltip = api.tree.resolveTreeItem(item, node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /The last action on this link failed:\*\* An invitation or link for this client already exists/);
  });

  it('Save Failure Report writes the failed rows with the reason (UTF-8, BOM), and the file imports again as it is', async () => {
    const target = path.join(dir, 'failed-invitations.csv');
    const saved = await vscode.commands.executeCommand<vscode.Uri>('clientLinks.saveFailureReport', target);
    assert.equal(saved?.fsPath, target);
    const bytes = fs.readFileSync(target);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'account_id,account_number,client_customer_number,type,name,note,bill_to_client,start_date,suppress_notification,reason');
    assert.equal(lines.length, 4);
    assert.match(lines[1] ?? '', /^999999991,,,AccountLink,Nobody,,yes,,no,No account has this id/);
    assert.ok(toasts.some((t) => t.level === 'info' && /Saved 3 failed rows to .*Invite Clients from CSV/.test(t.message)));
    // Re-import: the report is read without a problem (the reason column is ignored) and sent again.
    const again = await vscode.commands.executeCommand<{ outcomes: { state: string }[] } | undefined>('clientLinks.inviteFromCsv', target, { skipPreview: true });
    assert.ok(again, 'the report was read as an invitations file');
    assert.equal(again.outcomes.length, 3);
  });

  it('a failure that may succeed later offers Retry Failed (and no report); Retry Failed then succeeds', async () => {
    const account = sim.seed.invitableAccounts[0]!;
    sim.control.injectFault({ operation: 'AddClientLinks', fault: 'internalError', count: 1 });
    toasts.length = 0;
    const failed = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.invite', { accountId: account.id, billToClient: true });
    assert.deepEqual(failed.outcomes.map((o) => o.state), ['failed']);
    const warning = lastWarning();
    assert.ok(warning);
    assert.match(warning.message, /Use Retry Failed to send it again\./);
    assert.deepEqual(warning.items, ['Retry Failed', 'Show Log']);
    const retry = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.retryFailed');
    assert.deepEqual(retry.outcomes.map((o) => o.state), ['succeeded']);
    assert.equal(api.store.lastFailures, undefined, 'the marks and the report are gone after the action succeeded');
  });

  it('every CSV problem shows on its row in the Problems panel; reading the fixed file clears them', async () => {
    const file = write('problems.csv', 'account_id,name,bill_to_client,start_date\n12ab,x,yes,\n180090005,ok,yes,\n180090006,' + 'n'.repeat(41) + ',maybe,03/04/2027\n');
    toasts.length = 0;
    const callsBefore = sim.control.callLog().length;
    assert.equal(await vscode.commands.executeCommand('clientLinks.inviteFromCsv', file, { skipPreview: true }), undefined);
    assert.equal(sim.control.callLog().length, callsBefore, 'nothing sent');
    const uri = vscode.Uri.file(file);
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.equal(diagnostics.length, 4, diagnostics.map((d) => d.message).join(' | '));
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const [id, name, bill, date] = diagnostics;
    assert.deepEqual([id?.range.start.line, id?.range.start.character, id?.range.end.character], [1, 0, 4], 'the account id cell of row 2');
    assert.match(id?.message ?? '', /^Row 2, account id/);
    assert.equal(name?.range.start.line, 3);
    assert.equal(name?.range.start.character, 10, 'the name cell of row 4');
    assert.match(bill?.message ?? '', /Row 4, bill to client/);
    assert.match(date?.message ?? '', /Row 4, start date: .*could be 3 April 2027 or March 4, 2027.*start_date \(DD\/MM\/YYYY\)/);
    const error = toasts.find((t) => t.level === 'error');
    assert.match(error?.message ?? '', /problems\.csv has 4 problems, each shown on its row in the Problems panel/);
    assert.deepEqual(error?.items, ['Show Problems', 'Open File']);

    fs.writeFileSync(file, 'account_id,name,bill_to_client,start_date (DD/MM/YYYY)\n180090005,ok,yes,03/04/2027\n');
    const sent = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.inviteFromCsv', file, { skipPreview: true });
    assert.deepEqual(sent.outcomes.map((o) => o.state), ['succeeded']);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), [], 'cleared once the file is right');
    assert.equal(api.store.links.find((l) => l.ClientEntityId === '180090005')?.StartDate?.slice(0, 10), '2027-04-03');
  });

  it('fixing the file in the editor and saving it clears its problems', async () => {
    const file = write('fix-in-editor.csv', 'account_id,bill_to_client\n12ab,yes\n');
    assert.equal(await vscode.commands.executeCommand('clientLinks.inviteFromCsv', file, { skipPreview: true }), undefined);
    const uri = vscode.Uri.file(file);
    assert.equal(vscode.languages.getDiagnostics(uri).length, 1);
    const doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(1, 0, 1, 4), '180090004');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    await until('the problems are gone after the save', () => vscode.languages.getDiagnostics(uri).length === 0);
  });

  it('the CSV preview title counts the rows still ticked', async () => {
    const file = write('preview.csv', 'account_id,name,bill_to_client\n180090006,Six,yes\n180090007,Seven,no\n');
    const titles: string[] = [];
    inputs.driver = (q) => {
      titles.push(q.title ?? '');
      q.selectedItems = q.items.slice(1);
      q.selection.fire(q.selectedItems);
      titles.push(q.title ?? '');
      q.accept.fire();
      q.hide();
    };
    try {
      const result = await vscode.commands.executeCommand<{ outcomes: { state: string; link: { ClientEntityId?: string } }[] }>('clientLinks.inviteFromCsv', file);
      assert.deepEqual(titles, ['Send 2 invitations? Untick any to leave out.', 'Send 1 invitation? Untick any to leave out.']);
      assert.deepEqual(result.outcomes.map((o) => o.link.ClientEntityId), ['180090007'], 'only the ticked row was sent');
    } finally {
      inputs.driver = undefined;
    }
  });

  it('the invite wizard ends with a review where a choice can be changed; the result names the client and reveals the new link', async () => {
    const account = sim.seed.invitableAccounts[1]!;
    const reviews: { label: string; description?: string }[][] = [];
    inputs.driver = (q) => {
      const title = `${q.prompt ?? ''} ${q.title ?? ''}`;
      if (/review/.test(title)) {
        reviews.push(q.items.map((i) => ({ label: i.label, description: i.description })));
        if (reviews.length === 1) {
          q.choose((i) => i.label === 'Link name');
        } else {
          q.choose((i) => /Send the invitation/.test(i.label));
        }
      } else if (q.kind === 'pick' && q.items.some((i) => i.value === 'AccountLink')) {
        q.choose((i) => i.value === 'AccountLink');
      } else if (q.kind === 'pick' && q.items.some((i) => i.value === 'yes' && /pays/.test(i.label))) {
        q.choose((i) => i.value === 'no');
      } else if (q.kind === 'pick') {
        q.choose((i) => i.value === 'no');
      } else if (/Client account id/.test(title)) {
        q.type(account.id);
      } else if (/Link name/.test(title)) {
        q.type(reviews.length === 0 ? 'First name' : 'Changed in review');
      } else {
        q.type('');
      }
    };
    toasts.length = 0;
    let result: { outcomes: { state: string }[] } | undefined;
    try {
      result = await vscode.commands.executeCommand<{ outcomes: { state: string }[] }>('clientLinks.invite');
    } finally {
      inputs.driver = undefined;
    }
    assert.deepEqual(result?.outcomes.map((o) => o.state), ['succeeded']);
    assert.equal(reviews.length, 2, 'the review came back after the change');
    const shown = Object.fromEntries((reviews[0] ?? []).map((r) => [r.label, r.description]));
    assert.equal(shown['Client'], `account id ${account.id}`);
    assert.equal(shown['Link name'], 'First name');
    assert.equal(shown['Who pays'], 'The agency pays');
    assert.equal(shown['Start date (UTC)'], 'as soon as the client accepts');
    assert.equal(Object.fromEntries((reviews[1] ?? []).map((r) => [r.label, r.description]))['Link name'], 'Changed in review');
    const created = api.store.links.find((l) => l.ClientEntityId === account.id && l.ManagingCustomerId === AGENCY);
    assert.equal(created?.Name, 'Changed in review');
    const info = toasts.find((t) => t.level === 'info');
    assert.equal(info?.message, `Invitation sent to ${account.name} (account ${account.id}). It stays a pending invitation until the client accepts or declines it.`);
    await until('the new link is selected in the tree', () => api.tree.view.selection.some((n) => n.kind === 'link' && n.link.ClientEntityId === account.id));
  });

  it('Escape on a late step of the wizard asks first: Cancel goes on editing, Discard sends nothing', async () => {
    const callsBefore = sim.control.callLog().length;
    const clientSteps: number[] = [];
    let answers = 0;
    messages.modals.length = 0;
    messages.answerModal = () => (answers++ === 0 ? undefined : 'Discard');
    inputs.driver = (q) => {
      const title = `${q.prompt ?? ''} ${q.title ?? ''}`;
      if (q.kind === 'pick' && q.items.some((i) => i.value === 'AccountLink')) {
        q.choose((i) => i.value === 'AccountLink');
      } else if (/Client account id/.test(title)) {
        clientSteps.push(inputs.shown.length);
        q.type('180090001');
      } else {
        q.escape(); // the step after the client id
      }
    };
    try {
      const result = await vscode.commands.executeCommand('clientLinks.invite');
      assert.equal(result, undefined);
    } finally {
      inputs.driver = undefined;
      messages.answerModal = (_m, items) => items[0];
    }
    assert.deepEqual(messages.modals.map((m) => m.message), ['Discard this invitation?', 'Discard this invitation?'], 'asked on each Escape');
    assert.equal(clientSteps.length, 1, 'Cancel went back to the same step, not to the start');
    assert.equal(sim.control.callLog().length, callsBefore, 'nothing sent');
  });

  it('Escape on the first step, with nothing typed, just closes', async () => {
    messages.modals.length = 0;
    inputs.driver = (q) => q.escape();
    try {
      assert.equal(await vscode.commands.executeCommand('clientLinks.invite'), undefined);
    } finally {
      inputs.driver = undefined;
    }
    assert.deepEqual(messages.modals.map((m) => m.message), []);
  });
});
