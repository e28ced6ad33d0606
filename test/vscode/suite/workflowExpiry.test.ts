/**
 * The expiry radar, Re-invite and the stuck-link watch in the real extension host, against the
 * simulator: the extension's clock follows the simulator's, which the suite moves forward by hours
 * and days (the simulator expires invitations after 30 days on it).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clientLinkKey, type ClientLink } from '../../../src/core/model/clientLink';
import { daysLeft, HOUR_MS } from '../../../src/core/workflow/linkDeadlines';
import type { ClientLinksApi } from '../../../src/extension/extension';
import { LinkWatch } from '../../../src/extension/linkWatch';
import type { LinkNode } from '../../../src/extension/tree/linksTreeProvider';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { activateAgainst, CapturedMessages, FakeMicrosoftSignIn, linkNodes, until } from '../hostHelpers';

const AGENCY = '251000123';
const DAY_MS = 24 * HOUR_MS;

/** A Memento in memory: what a reload reads back from the global state. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('Expiry radar, Re-invite and stuck links in the extension host', function () {
  this.timeout(60_000);
  const signIn = new FakeMicrosoftSignIn();
  let sim: RunningSimulator;
  let api: ClientLinksApi;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('clientLinks');
  const messages = new CapturedMessages();
  const toasts = messages.toasts;

  const refresh = async (): Promise<void> => {
    await vscode.commands.executeCommand('clientLinks.refresh');
    await until('the refresh ends', () => !api.store.loading);
  };
  const nodeOf = (link: ClientLink): LinkNode | undefined => api.tree.nodeFor(clientLinkKey(link));
  const expiryToasts = (): string[] => toasts.map((t) => t.message).filter((m) => /invitations? (for .* )?expires?/.test(m));
  const stuckToasts = (): { message: string; items: string[] }[] => toasts.filter((t) => /without a change/.test(t.message));

  before(async () => {
    sim = await startSimulator({ seed: 'demo' });
    signIn.install();
    messages.install();
    api = await activateAgainst(sim.endpoint);
    api.clock.now = () => sim.control.now();
    await config().update('expiryWarningDays', 5, vscode.ConfigurationTarget.Global);
    await config().update('stuckThresholdHours', 24, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('clientLinks.signOut');
    assert.equal(await vscode.commands.executeCommand('clientLinks.setDeveloperToken', sim.developerToken), true);
    signIn.token = sim.users.find((u) => u.customerId === AGENCY && u.role === 'Super Admin')?.accessToken;
    await vscode.commands.executeCommand('clientLinks.signIn');
    await until('the agency links load', () => api.store.loaded && !api.store.loading && api.store.active?.customerId === AGENCY);
    await until('the first check ends', () => expiryToasts().length > 0);
  });

  after(async () => {
    messages.restore();
    signIn.restore();
    api.clock.now = () => Date.now();
    await config().update('expiryWarningDays', 0, vscode.ConfigurationTarget.Global);
    await config().update('stuckThresholdHours', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('clientLinks.signOut');
    await sim?.close();
  });

  it('each pending invitation shows its days left in the description and the tooltip', () => {
    const pending = linkNodes(api, 'LinkPending').filter((n) => n.link.ManagingCustomerId === AGENCY);
    assert.ok(pending.length >= 5);
    for (const node of pending) {
      const item = api.tree.getTreeItem(node);
      const days = daysLeft(node.link, sim.control.now());
      assert.ok(days !== undefined);
      const expected = days === 0 ? 'less than a day left' : days === 1 ? '1 day left' : `${days} days left`;
      assert.ok(String(item.description).startsWith(`${expected} · `), `${String(item.description)} starts with ${expected}`);
      const tooltip = api.tree.resolveTreeItem(item, node).tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, /left before this invitation expires/);
    }
    const active = linkNodes(api, 'Active')[0];
    assert.ok(active);
    assert.doesNotMatch(String(api.tree.getTreeItem(active).description), /left/);
  });

  it('says once per invitation when one has fewer days left than clientLinks.expiryWarningDays, also after a reload', async () => {
    // The demo seed's oldest invitation was sent 29 days ago.
    const soon = api.store.links.filter((l) => l.Status === 'LinkPending' && (daysLeft(l, sim.control.now()) ?? 99) < 5);
    assert.ok(soon.length >= 1);
    assert.equal(expiryToasts().length, 1, expiryToasts().join('\n'));
    const [message] = expiryToasts();
    for (const link of soon) {
      assert.ok(message?.includes(link.ClientEntityName ?? '?'), `${message} names ${link.ClientEntityName}`);
    }
    await refresh();
    await api.watch.check();
    assert.equal(expiryToasts().length, 1, 'not announced twice');
    // A reload: a new watch over the same storage announces nothing already announced.
    const memory = new MemoryMemento();
    const first = new LinkWatch(api.store, memory, api.clock, api.logger, () => undefined);
    const second = new LinkWatch(api.store, memory, api.clock, api.logger, () => undefined);
    try {
      assert.equal((await first.check()).expiring.length, soon.length);
      assert.equal((await second.check()).expiring.length, 0);
    } finally {
      first.dispose();
      second.dispose();
    }
  });

  it('Re-invite on an expired link sends the same invitation again: a new pending link with 30 days to go', async () => {
    const expired = api.store.links.find((l) => l.Status === 'LinkExpired' && l.ManagingCustomerId === AGENCY);
    assert.ok(expired);
    const node = nodeOf(expired);
    assert.ok(node);
    assert.match(String(api.tree.getTreeItem(node).contextValue), /;canReinvite\b/);
    const active = linkNodes(api, 'Active')[0];
    assert.ok(active);
    assert.doesNotMatch(String(api.tree.getTreeItem(active).contextValue), /canReinvite/);
    await vscode.commands.executeCommand('clientLinks.reinvite', node, [node]);
    assert.match(messages.modals.at(-1)?.message ?? '', /^Re-invite: /);
    const now = api.store.links.find((l) => clientLinkKey(l) === clientLinkKey(expired));
    assert.equal(now?.Status, 'LinkPending');
    assert.deepEqual([now?.Name, now?.Note ?? null, now?.IsBillToClient, now?.SuppressNotification], [expired.Name, expired.Note ?? null, expired.IsBillToClient, expired.SuppressNotification]);
    const again = nodeOf(now);
    assert.ok(again);
    assert.match(String(api.tree.getTreeItem(again).description), /^(29|30) days left · /);
  });

  it('invitations the simulator expires after 30 days can be re-invited together; the others of a selection are left alone', async () => {
    const before = api.store.links.filter((l) => l.Status === 'LinkPending' && l.ManagingCustomerId === AGENCY && l.Type !== 'CustomerLink');
    sim.control.advanceClock(30 * DAY_MS + HOUR_MS);
    await refresh();
    const expired = before.map((l) => api.store.links.find((x) => clientLinkKey(x) === clientLinkKey(l))).filter((l): l is ClientLink => l?.Status === 'LinkExpired');
    assert.equal(expired.length, before.length, 'every pending invitation expired');
    const picked = [...expired.slice(0, 2), ...api.store.links.filter((l) => l.Status === 'Active').slice(0, 1)].map((l) => nodeOf(l)).filter((n): n is LinkNode => n !== undefined);
    assert.equal(picked.length, 3);
    await vscode.commands.executeCommand('clientLinks.reinvite', picked[0], picked);
    for (const link of expired.slice(0, 2)) {
      assert.equal(api.store.links.find((l) => clientLinkKey(l) === clientLinkKey(link))?.Status, 'LinkPending');
    }
    assert.ok(toasts.some((t) => /Re-invite: 2 of 3 selected: all 2 done/.test(t.message)), toasts.map((t) => t.message).join('\n'));
  });

  it('a link with no change for longer than clientLinks.stuckThresholdHours gets a warning icon and one notification that says what to do', async () => {
    // The seed's unlinking links stay where they are (the simulator holds them), so a day later they are stuck.
    const stuck = api.store.links.find((l) => l.Status === 'UnlinkPending' || l.Status === 'UnlinkInProgress');
    assert.ok(stuck);
    await until('the stuck links are announced (the 30 days moved above made the seed\'s unlinking links stuck)', () => stuckToasts().length > 0);
    assert.equal(stuckToasts().length, 1);
    const toast = stuckToasts()[0]!;
    assert.match(toast.message, /contact Microsoft Advertising support with the TrackingId and the ids of the link/);
    assert.deepEqual(toast.items, ['Copy Support Details', 'Show Links']);
    const node = nodeOf(stuck);
    assert.ok(node);
    const item = api.tree.getTreeItem(node);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.equal(item.iconPath.id, 'warning');
    assert.equal((item.iconPath.color)?.id, 'list.warningForeground');
    assert.match(String(item.description), /^no change for \d+ days · /);
    const tooltip = api.tree.resolveTreeItem(item, node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /usually finishes this step within hours/);
    const details = api.watch.supportDetails([stuck]);
    assert.match(details, new RegExp(`ClientEntityId ${stuck.ClientEntityId}.*ManagingCustomerId ${AGENCY}.*Status ${stuck.Status}`));
    assert.match(details, /TrackingId \(SearchClientLinks\): \S+/);
    sim.control.advanceClock(2 * HOUR_MS);
    await refresh();
    await api.watch.check();
    assert.equal(stuckToasts().length, 1, 'not announced twice');
  });

  it('the setting 0 turns the stuck-link warning off', async () => {
    await config().update('stuckThresholdHours', 0, vscode.ConfigurationTarget.Global);
    const stuck = api.store.links.find((l) => l.Status === 'UnlinkPending' || l.Status === 'UnlinkInProgress');
    const node = stuck && nodeOf(stuck);
    assert.ok(node);
    const iconId = (): string | undefined => {
      const icon = api.tree.getTreeItem(node).iconPath;
      return icon instanceof vscode.ThemeIcon ? icon.id : undefined;
    };
    await until('the view redraws without the warning', () => iconId() !== 'warning');
    assert.doesNotMatch(String(api.tree.getTreeItem(node).description), /no change/);
  });
});
