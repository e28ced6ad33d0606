/**
 * The Client Links tree: groups (by status, client or none) and links. Owns the TreeView, its
 * badge, description and message, and maps store events onto the smallest set of node refreshes.
 */
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { clientLinkKey } from '../../core/model/clientLink';
import { findStatusDefinition } from '../../core/model/lifecycle';
import { mayManage, sideOf } from '../../core/workflow/customerContext';
import { awaitsAnswer, linksForAction } from '../../core/workflow/linkActions';
import { filterLinks, groupLinks, type LinkGroup } from '../../core/workflow/grouping';
import { linkFacts } from '../../core/workflow/linkFacts';
import type { LinkStore, StoreEvent } from '../../core/workflow/linkStore';
import { TimeFormatter } from '../../core/workflow/timeFormat';
import { readSettings } from '../settings';
import { groupContextValue, linkContextValue } from './contextValues';
import { escapeMarkdown } from '../markdownText';
import { linkTooltipMarkdown, type LinkTooltipWords } from './linkTooltip';
import { statusIcon } from './statusAppearance';
import { type ViewAction, type ViewError, type ViewNotice, viewNotice } from '../../core/workflow/viewMessages';
import { activeCustomerHeading } from '../../core/workflow/customerDirectory';
import { isErrorKind } from '../../core/errors';
import { adviceText } from '../adviceText';
import { daysLeft, HOUR_MS, waitingSince } from '../../core/workflow/linkDeadlines';
import { type Clock, systemClock } from '../clock';
import { daysLeftText, daysText, stuckAdvice, stuckText, waitedText } from './deadlineText';

export const VIEW_ID = 'clientLinks.links';
/** The view's name in package.json, its title while nobody is signed in. */
const viewTitle = (): string => vscode.l10n.t('Client Links');

/** A link tooltip's sentences in VS Code's display language. */
function tooltipWords(): LinkTooltipWords {
  return {
    expires: (time) => vscode.l10n.t({ message: 'Expires {0} if nobody acts.', args: [time], comment: ['{0} is a local date and time with its age, e.g. 29 Jan 2026, 06:44 (in 27 days)'] }),
    lastModified: (time, by) =>
      by
        ? vscode.l10n.t({ message: 'Last modified {0} by {1}.', args: [time, by], comment: ['{0} is a local date and time with its age, {1} a user name'] })
        : vscode.l10n.t({ message: 'Last modified {0}.', args: [time], comment: ['{0} is a local date and time with its age'] }),
    field: vscode.l10n.t('Field'),
    value: vscode.l10n.t('Value'),
  };
}
/** The command a link row runs when VS Code opens it (click, double-click, Enter): see linkOpenGesture. */
export const OPEN_LINK_COMMAND = 'clientLinks.openLink';

export class GroupNode {
  readonly kind = 'group';
  /** The keys of the group's links in order, as of the last rebuild (to tell which groups changed). */
  keys: readonly string[] = [];
  constructor(public group: LinkGroup) {}
}

export class LinkNode {
  readonly kind = 'link';
  constructor(
    public link: ClientLink,
    readonly parent: GroupNode,
  ) {}
  get key(): string {
    return clientLinkKey(this.link);
  }
}

/** A button row (Clear Filter, Sign In, Retry, …) for a state whose message needs an action. */
export class ActionNode {
  readonly kind = 'action';
  constructor(readonly action: ViewAction) {}
}

export type TreeNode = GroupNode | LinkNode | ActionNode;

export class LinksTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly filterEmitter = new vscode.EventEmitter<string>();
  readonly onDidChangeFilter = this.filterEmitter.event;
  readonly view: vscode.TreeView<TreeNode>;
  private filterText = '';
  private groups: GroupNode[] = [];
  /** Group By None: the links are the root's children, with no group node above them. */
  private flat = false;
  private readonly groupById = new Map<string, GroupNode>();
  private readonly linkNodes = new Map<string, LinkNode>();
  /** What the view says above its rows and the buttons it offers (see viewMessages.ts). */
  private notice: ViewNotice = { actions: [], pinned: false };
  private actionNodes: ActionNode[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /** `clientLinks.stuckThresholdHours` in ms as of the last rebuild (0: no stuck-link warnings). */
  private stuckThresholdMs = 0;
  /** The hour of the clock the rows were last drawn in: days left and stuck links change with time, not only with the store. */
  private drawnHour = 0;

  constructor(
    private readonly store: LinkStore,
    private readonly clock: Clock = systemClock(),
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, canSelectMany: true, showCollapseAll: true });
    this.disposables.push(this.view, this.emitter, this.filterEmitter);
    const sub = store.onDidChange((e) => this.onStoreEvent(e));
    this.disposables.push({ dispose: () => sub.dispose() });
    this.rebuild();
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.flush();
    this.filterText = text.trim();
    this.rebuild();
    this.emitter.fire(undefined);
    this.filterEmitter.fire(this.filterText);
  }

  /** Links currently shown (after the filter), for exports. */
  visibleLinks(): ClientLink[] {
    this.flush();
    return this.groups.flatMap((g) => g.group.links);
  }

  private onStoreEvent(e: StoreEvent): void {
    if (e.type === 'busy') {
      const nodes = e.keys.map((k) => this.linkNodes.get(k)).filter((n): n is LinkNode => n !== undefined);
      if (nodes.length) {
        this.emitter.fire(nodes);
      }
      return;
    }
    if (e.type === 'links' || e.type === 'session' || e.type === 'customers') {
      // Regrouping 10,000 links is tens of milliseconds: it runs in its own turn of the event loop,
      // not in the same task as the store's update (no single long block), or at once when VS Code
      // (or a command) asks for nodes first.
      this.pending.push(e);
      if (!this.flushTimer) {
        this.flushTimer = setImmediate(() => this.flush());
      }
      return;
    }
    this.updateViewDecorations();
  }

  private pending: StoreEvent[] = [];
  private flushTimer: NodeJS.Immediate | undefined;

  /** Applies the store changes not yet shown: regroup, then tell VS Code which nodes changed. */
  private flush(): void {
    this.cancelScheduledFlush();
    const events = this.pending;
    if (events.length === 0) {
      return;
    }
    this.pending = [];
    const hour = Math.floor(this.clock.now() / HOUR_MS);
    const redrawAll = hour !== this.drawnHour;
    this.drawnHour = hour;
    const before = this.groups.map((g) => g.group.id).join('|');
    // The key lists of the previous rebuild (kept on the nodes, not recomputed here).
    const oldKeys = new Map(this.groups.map((g) => [g.group.id, g.keys]));
    this.rebuild();
    const after = this.groups.map((g) => g.group.id).join('|');
    if (redrawAll || before !== after || events.some((e) => e.type === 'session' || e.type === 'customers')) {
      this.emitter.fire(undefined);
      return;
    }
    const changed = this.groups.filter((g) => !sameKeys(oldKeys.get(g.group.id), g.keys));
    if (this.flat && changed.length) {
      // The group node is not in the flat tree: its links are the root's.
      this.emitter.fire(undefined);
      return;
    }
    const changedLinks = events.flatMap((e) => (e.type === 'links' ? e.changed : [])).map((c) => this.linkNodes.get(clientLinkKey(c.link))).filter((n): n is LinkNode => n !== undefined);
    const nodes: TreeNode[] = [...changed, ...new Set(changedLinks.filter((n) => !changed.includes(n.parent)))];
    if (nodes.length) {
      this.emitter.fire(nodes);
    }
  }

  private cancelScheduledFlush(): void {
    if (this.flushTimer) {
      clearImmediate(this.flushTimer);
      this.flushTimer = undefined;
    }
  }

  /** Recompute groups from the store, reusing node objects so VS Code keeps expansion and selection. */
  private rebuild(): void {
    const settings = readSettings();
    this.stuckThresholdMs = settings.stuckThresholdHours * HOUR_MS;
    const links = this.filterText ? filterLinks(this.store.links, this.filterText) : this.store.links;
    const groups = this.store.loaded
      ? groupLinks(links, settings.groupBy, { showEmpty: settings.showEmptyGroups && !this.filterText, sortBy: settings.sortBy, active: this.store.active, customers: this.store.customers })
      : [];
    this.flat = settings.groupBy === 'none';
    const seenLinks = new Set<string>();
    this.groups = groups.map((g) => {
      let node = this.groupById.get(g.id);
      if (node) {
        node.group = g;
      } else {
        node = new GroupNode(g);
        this.groupById.set(g.id, node);
      }
      const keys: string[] = new Array<string>(g.links.length);
      let i = 0;
      for (const link of g.links) {
        const key = clientLinkKey(link);
        keys[i++] = key;
        seenLinks.add(key);
        const existing = this.linkNodes.get(key);
        if (existing && existing.parent === node) {
          existing.link = link;
        } else {
          this.linkNodes.set(key, new LinkNode(link, node));
        }
      }
      node.keys = keys;
      return node;
    });
    if (this.linkNodes.size > seenLinks.size) {
      for (const key of [...this.linkNodes.keys()]) {
        if (!seenLinks.has(key)) {
          this.linkNodes.delete(key);
        }
      }
    }
    this.updateViewDecorations();
  }

  private updateViewDecorations(): void {
    const waiting = this.store.awaitingAction.length;
    this.view.badge = waiting ? { value: waiting, tooltip: waiting === 1 ? vscode.l10n.t('1 invitation awaiting your answer') : vscode.l10n.t('{0} invitations awaiting your answer', waiting) } : undefined;
    const settings = readSettings();
    const active = this.store.active;
    // Who acts, for which customer: in the title, which VS Code shows even when the container has this one view.
    const heading = activeCustomerHeading(this.store);
    this.view.title = heading ? heading.title : viewTitle();
    const where = settings.endpoint ? vscode.l10n.t('custom endpoint') : settings.environment === 'sandbox' ? vscode.l10n.t('sandbox') : undefined;
    this.view.description = heading ? [heading.detail, where].filter(Boolean).join(' · ') : undefined;
    const before = this.actionNodes.map((n) => n.action.command).join('|');
    this.notice = viewNotice({
      shown: this.filterText ? this.visibleLinks().length : this.store.links.length,
      total: this.store.links.length,
      filter: this.filterText,
      loaded: this.store.loaded,
      stale: this.store.stale,
      since: this.store.lastSync ? new Date(this.store.lastSync).toLocaleTimeString() : undefined,
      error: this.store.lastError ? viewError(this.store.lastError) : undefined,
      role: active ? { name: active.roleName, canManageLinks: active.canManageLinks } : undefined,
    });
    this.view.message = this.notice.message;
    this.actionNodes = this.notice.actions.map((a) => this.actionNodes.find((n) => n.action === a) ?? new ActionNode(a));
    if (this.actionNodes.map((n) => n.action.command).join('|') !== before) {
      this.emitter.fire(undefined); // the root's rows change
    }
  }

  /** The root's rows: the groups (or, grouped by None, the links), with the notice's buttons where they apply. */
  private rootChildren(): TreeNode[] {
    const only = this.groups[0];
    const rows: TreeNode[] = this.flat ? (only ? this.childrenOf(only) : []) : this.groups;
    if (this.actionNodes.length && (rows.length === 0 || this.notice.pinned)) {
      return [...this.actionNodes, ...rows];
    }
    return rows;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    this.flush();
    if (!node) {
      return this.rootChildren();
    }
    return node instanceof GroupNode ? this.childrenOf(node) : [];
  }

  private childrenOf(node: GroupNode): LinkNode[] {
    return node.keys.map((k) => this.linkNodes.get(k)).filter((n): n is LinkNode => n !== undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node instanceof LinkNode && !this.flat ? node.parent : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof ActionNode) {
      const item = new vscode.TreeItem(node.action.label, vscode.TreeItemCollapsibleState.None);
      item.id = `action:${node.action.command}`;
      item.iconPath = new vscode.ThemeIcon(node.action.icon);
      item.command = { command: node.action.command, title: node.action.label };
      item.contextValue = 'action';
      item.accessibilityInformation = { label: vscode.l10n.t({ message: '{0} (button)', args: [node.action.label], comment: ['screen reader label of a button row in the tree'] }), role: 'button' };
      return item;
    }
    if (node instanceof GroupNode) {
      const g = node.group;
      const active = this.store.active;
      const needsMe = active ? g.links.some((l) => awaitsAnswer(l, active)) : false;
      const item = new vscode.TreeItem(g.label, g.links.length === 0 ? vscode.TreeItemCollapsibleState.None : needsMe ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = g.id;
      item.description = g.detail ? `${g.detail} · ${g.links.length}` : String(g.links.length);
      item.iconPath = g.status ? statusIcon(g.status) : new vscode.ThemeIcon('organization');
      item.contextValue = groupContextValue(g.id, { hasLinks: g.links.length > 0, canCancelAll: active ? linksForAction('cancel', g.links, active).some((l) => mayManage(l, active)) : false });
      const def = findStatusDefinition(g.status);
      // The label may be a client's or customer's name: shown as is, never read as Markdown.
      const count = g.links.length === 1 ? vscode.l10n.t('1 link') : vscode.l10n.t('{0} links', g.links.length);
      item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(g.label)}**: ${escapeMarkdown(count)}${def ? `\n\n${escapeMarkdown(def.meaning)}` : ''}`);
      return item;
    }
    const link = node.link;
    const active = this.store.active;
    const side = active ? sideOf(link, active) : 'agency';
    const busy = this.store.isBusy(link);
    const label = link.ClientEntityName || link.Name || link.ClientEntityId || vscode.l10n.t('Client link');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `link:${node.key}`;
    const other = side === 'agency' ? undefined : vscode.l10n.t({ message: 'from {0}', args: [link.ManagingCustomerName ?? link.ManagingCustomerId ?? vscode.l10n.t('agency')], comment: ['{0} is the agency that sent the invitation'] });
    const groupedByStatus = node.parent.group.status !== undefined;
    const now = this.clock.now();
    const days = daysLeft(link, now);
    const stuckMs = this.stuckFor(link, now);
    const deadline = days !== undefined ? daysLeftText(days) : undefined;
    // The days left come first: a narrow side bar cuts the end of the description off.
    const parts = [deadline, link.ClientEntityNumber ?? link.ClientEntityId ?? '', other, groupedByStatus ? undefined : findStatusDefinition(link.Status)?.label].filter(Boolean);
    // The last action failed on this link: say so until a refresh shows it changed or the next action runs.
    const failed = busy ? undefined : this.store.failureFor(link);
    const stuck = stuckMs === undefined ? undefined : stuckText(stuckMs);
    item.description = busy ? vscode.l10n.t('working...') : failed ? [vscode.l10n.t('last action failed'), ...parts].join(' · ') : stuck ? [stuck, ...parts].join(' · ') : parts.join(' · ');
    item.iconPath = busy
      ? new vscode.ThemeIcon('loading~spin')
      : failed
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : stuck
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : statusIcon(link.Status);
    item.contextValue = linkContextValue(link, side, { busy, mayManage: active ? mayManage(link, active) : false });
    const spoken = [
      findStatusDefinition(link.Status)?.label ?? link.Status ?? vscode.l10n.t('unknown status'),
      deadline,
      stuck,
      failed ? vscode.l10n.t({ message: 'last action failed: {0}', args: [failed], comment: ['{0} is why the last action failed'] }) : undefined,
    ].filter(Boolean);
    item.accessibilityInformation = { label: `${label}, ${spoken.join(', ')}` };
    // Opens the details on double-click or Enter, not on a single click (see linkOpenGesture).
    item.command = { command: OPEN_LINK_COMMAND, title: vscode.l10n.t('Show Link Details'), arguments: [node.key] };
    return item;
  }

  /** Tooltips are built on hover, not for every row: a 10,000-link group expands several times faster. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof LinkNode && !item.tooltip) {
      item.tooltip = this.linkTooltip(node.link);
    }
    return item;
  }

  linkTooltip(link: ClientLink): vscode.MarkdownString {
    const context = this.store.context;
    const facts = linkFacts({
      link,
      times: new TimeFormatter({ locale: vscode.env.language }),
      active: this.store.active,
      user: context ? { id: context.userId, name: context.userName } : undefined,
    });
    const failed = this.store.failureFor(link);
    const now = this.clock.now();
    const days = daysLeft(link, now);
    const stuckMs = this.stuckFor(link, now);
    const notes = [
      failed ? `**${escapeMarkdown(vscode.l10n.t('The last action on this link failed:'))}** ${escapeMarkdown(failed)}` : undefined,
      stuckMs !== undefined ? `**${escapeMarkdown(vscode.l10n.t('No change for {0}.', waitedText(stuckMs)))}** ${escapeMarkdown(stuckAdvice())}` : undefined,
      days !== undefined ? `**${escapeMarkdown(vscode.l10n.t('{0} left before this invitation expires.', daysText(days)))}**` : undefined,
    ].filter((n): n is string => n !== undefined);
    const tooltip = new vscode.MarkdownString(`${notes.map((n) => `${n}\n\n`).join('')}${linkTooltipMarkdown(facts, tooltipWords())}`);
    tooltip.supportHtml = false;
    tooltip.isTrusted = false;
    return tooltip;
  }

  /** How long a stuck link has waited on the service at `now`, or undefined when it is not stuck (or the watch is off). */
  private stuckFor(link: ClientLink, now: number): number | undefined {
    const since = this.stuckThresholdMs > 0 ? waitingSince(link) : undefined;
    return since !== undefined && now - since >= this.stuckThresholdMs ? now - since : undefined;
  }

  /**
   * The links a keyboard or palette command acts on: the selected links, and the links of selected
   * groups (each once, in the order shown).
   */
  selectedLinks(): ClientLink[] {
    this.flush();
    const seen = new Set<string>();
    const out: ClientLink[] = [];
    for (const node of this.view.selection) {
      const links = node instanceof GroupNode ? node.group.links : node instanceof LinkNode ? [node.link] : [];
      for (const link of links) {
        const key = clientLinkKey(link);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(link);
        }
      }
    }
    return out;
  }

  /** The node of a link, to reveal it. */
  nodeFor(key: string): LinkNode | undefined {
    this.flush();
    return this.linkNodes.get(key);
  }

  refreshAll(): void {
    this.pending = []; // superseded by the full rebuild below
    this.cancelScheduledFlush();
    this.rebuild();
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.cancelScheduledFlush();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

function sameKeys(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** The last failure as the view's notice needs it: kind and service codes, no error classes. */
function viewError(error: NonNullable<LinkStore['lastError']>): ViewError {
  const codes = isErrorKind(error, 'fault') || isErrorKind(error, 'operation') ? error.errors.map((x) => x.code) : [];
  return { message: error.message, advice: adviceText(error), kind: error.kind, codes };
}
