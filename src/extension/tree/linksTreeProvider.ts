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
import type { LinkGroup } from '../../core/workflow/grouping';
import { LinkGrouper } from '../../core/workflow/linkGrouper';
import { runNow, runSliced, type Sliced, sliceEnds } from '../../core/util/sliced';
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
  /** The rows of the group's links, in order, as of the last rebuild (also tells which groups changed). */
  children: readonly LinkNode[] = [];
  constructor(public group: LinkGroup) {}
}

/** One node per link, kept across regroupings while the link is shown (VS Code keeps its selection by the item's id). */
export class LinkNode {
  readonly kind = 'link';
  constructor(
    public link: ClientLink,
    public parent: GroupNode,
    /** `clientLinkKey(link)`. */
    readonly key: string,
  ) {}
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
  private linkNodes = new Map<string, LinkNode>();
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
    this.startRebuild(undefined, true);
  }

  get filter(): string {
    return this.filterText;
  }

  /** Filters the tree; the groups follow in slices (`settled`), a newer filter or listing superseding them. */
  setFilter(text: string): void {
    this.filterText = text.trim();
    this.startRebuild(undefined, true);
    this.filterEmitter.fire(this.filterText);
  }

  /** Links currently shown (after the filter), for exports. */
  visibleLinks(): ClientLink[] {
    this.flush();
    return this.groups.flatMap((g) => g.group.links);
  }

  /** How many links the rows show (as of the last regroup applied). */
  private shownCount(): number {
    return this.groups.reduce((n, g) => n + g.group.links.length, 0);
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
      if (e.type === 'session') {
        this.grouper.clear();
      } else if (e.type === 'customers') {
        this.grouper.forgetGroups(); // client groups are named from the customer names
      }
      // Regrouping 100,000 links takes a good part of a second: it runs in slices after the store's
      // update (see startRebuild), or at once when a command asks for nodes first.
      this.startRebuild(e);
      return;
    }
    this.updateViewDecorations();
  }

  private readonly grouper = new LinkGrouper();
  /** The regroup running in slices, with the store events it will show; a newer one supersedes it (its events carry over). */
  private task: RebuildTask | undefined;
  /** Resolves when no regroup runs (see `settled`). */
  private idle: { promise: Promise<void>; resolve: () => void } | undefined;

  /** Resolves once the tree shows the store's current state (no regroup running): for tests and the bench. */
  settled(): Promise<void> {
    return this.idle?.promise ?? Promise.resolve();
  }

  /**
   * Starts a regroup of the store's current links in slices, superseding (aborting) any running:
   * the one running never applies, so the tree never shows groups older than a newer request's.
   */
  private startRebuild(event?: StoreEvent, redrawAll = false): void {
    const previous = this.task;
    previous?.controller.abort();
    const task: RebuildTask = {
      controller: new AbortController(),
      work: this.rebuildWork(),
      events: [...(previous?.events ?? []), ...(event ? [event] : [])],
      redrawAll: redrawAll || Boolean(previous?.redrawAll),
    };
    this.task = task;
    if (!this.idle) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    // Not in the task that asked (the store's update, a setting): the regroup starts in the next turn.
    void new Promise((resolve) => setImmediate(resolve))
      .then(() => runSliced(task.work, { signal: task.controller.signal }))
      .then(
      (prepared) => {
        if (prepared && this.task === task) {
          this.apply(task, prepared);
        }
      },
      (error: unknown) => {
        if (this.task === task) {
          this.task = undefined;
          this.resolveIdle();
        }
        throw error;
      },
    );
  }

  /** Applies the regroup running, at once: a command or VS Code needs the nodes in this task. */
  private flush(): void {
    const task = this.task;
    if (!task) {
      return;
    }
    task.controller.abort(); // its slices stop; the rest runs here
    this.task = undefined;
    let prepared: PreparedTree;
    try {
      prepared = runNow(task.work);
    } catch (error) {
      this.resolveIdle();
      throw error;
    }
    this.apply(task, prepared);
  }

  private resolveIdle(): void {
    const idle = this.idle;
    this.idle = undefined;
    idle?.resolve();
  }

  /** Shows a finished regroup: the new groups and nodes, then tells VS Code which nodes changed. */
  private apply(task: RebuildTask, prepared: PreparedTree): void {
    this.task = undefined;
    const before = this.groups.map((g) => g.group.id).join('|');
    const oldChildren = new Map(this.groups.map((g) => [g.group.id, g.children]));
    for (const { node, group, children } of prepared.groups) {
      node.group = group;
      node.children = children;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        const link = group.links[i]!;
        if (child.link !== link) {
          child.link = link;
        }
        if (child.parent !== node) {
          child.parent = node;
        }
      }
      this.groupById.set(group.id, node);
    }
    this.groups = prepared.groups.map((g) => g.node);
    this.linkNodes = prepared.linkNodes;
    this.flat = prepared.flat;
    this.stuckThresholdMs = prepared.stuckThresholdMs;
    this.updateViewDecorations();
    this.resolveIdle();
    const events = task.events;
    const hour = Math.floor(this.clock.now() / HOUR_MS);
    const redrawAll = task.redrawAll || hour !== this.drawnHour;
    this.drawnHour = hour;
    const after = this.groups.map((g) => g.group.id).join('|');
    if (redrawAll || before !== after || events.some((e) => e.type === 'session' || e.type === 'customers')) {
      this.emitter.fire(undefined);
      return;
    }
    const changed = this.groups.filter((g) => !sameNodes(oldChildren.get(g.group.id), g.children));
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

  /**
   * The groups of the store's links under the current settings and filter, with a node per group
   * and per link (kept ones reused by key): in slices, nothing shown until `apply`.
   */
  private *rebuildWork(): Sliced<PreparedTree> {
    const settings = readSettings();
    const filter = this.filterText;
    const groups = this.store.loaded
      ? yield* this.grouper.group({
          links: this.store.links,
          by: settings.groupBy,
          options: { showEmpty: settings.showEmptyGroups && !filter, sortBy: settings.sortBy, active: this.store.active, customers: this.store.customers },
          filter,
        })
      : [];
    const flat = settings.groupBy === 'none';
    const stuckThresholdMs = settings.stuckThresholdHours * HOUR_MS;
    if (this.lastPrepared?.groups === groups) {
      // The grouper's kept groups (the filter cleared, say): their nodes are the ones made for them.
      return { ...this.lastPrepared.prepared, flat, stuckThresholdMs };
    }
    const linkNodes = new Map<string, LinkNode>();
    const prepared: PreparedTree['groups'] = [];
    let count = 0;
    for (const group of groups) {
      const node = this.groupById.get(group.id) ?? new GroupNode(group);
      const children = new Array<LinkNode>(group.links.length);
      for (let i = 0; i < group.links.length; i++) {
        const link = group.links[i]!;
        const key = this.grouper.keyOf(link);
        // A new node for a new link; a kept one is updated (link, parent) when this regroup is applied.
        const child = this.linkNodes.get(key) ?? new LinkNode(link, node, key);
        children[i] = child;
        linkNodes.set(key, child);
        if (sliceEnds(count++)) {
          yield;
        }
      }
      prepared.push({ node, group, children });
    }
    const result = { groups: prepared, linkNodes, flat, stuckThresholdMs };
    if (!filter) {
      this.lastPrepared = { groups, prepared: result };
    }
    return result;
  }

  /** The nodes made for the grouper's last unfiltered groups: clearing a filter shows them again without making nodes. */
  private lastPrepared: { groups: readonly LinkGroup[]; prepared: PreparedTree } | undefined;

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
      shown: this.filterText ? this.shownCount() : this.store.links.length,
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
    return node.children as LinkNode[];
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
      const { needsMe, canCancelAll } = this.groupFacts(g);
      const item = new vscode.TreeItem(g.label, g.links.length === 0 ? vscode.TreeItemCollapsibleState.None : needsMe ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = g.id;
      item.description = g.detail ? `${g.detail} · ${g.links.length}` : String(g.links.length);
      item.iconPath = g.status ? statusIcon(g.status) : new vscode.ThemeIcon('organization');
      item.contextValue = groupContextValue(g.id, { hasLinks: g.links.length > 0, canCancelAll });
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

  /** Whether a group holds a link awaiting the active customer's answer, and pending invitations it may cancel: read once per group and customer (VS Code asks for the group rows after every change; 100,000 links in them). */
  private groupFacts(group: LinkGroup): { needsMe: boolean; canCancelAll: boolean } {
    const active = this.store.active;
    const known = this.factsOfGroups.get(group.links);
    if (known && known.active === active) {
      return known;
    }
    const facts = {
      active,
      needsMe: active ? group.links.some((l) => awaitsAnswer(l, active)) : false,
      canCancelAll: active ? linksForAction('cancel', group.links, active).some((l) => mayManage(l, active)) : false,
    };
    this.factsOfGroups.set(group.links, facts);
    return facts;
  }

  private readonly factsOfGroups = new WeakMap<readonly ClientLink[], { active: LinkStore['active']; needsMe: boolean; canCancelAll: boolean }>();

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

  /** Regroups (settings changed) and redraws every row. */
  refreshAll(): void {
    this.grouper.forgetGroups();
    this.startRebuild(undefined, true);
  }

  dispose(): void {
    this.task?.controller.abort();
    this.task = undefined;
    this.resolveIdle();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

interface PreparedTree {
  groups: { node: GroupNode; group: LinkGroup; children: LinkNode[] }[];
  linkNodes: Map<string, LinkNode>;
  flat: boolean;
  stuckThresholdMs: number;
}

interface RebuildTask {
  controller: AbortController;
  work: Sliced<PreparedTree>;
  /** The store events not yet shown (those of superseded regroups too). */
  events: StoreEvent[];
  redrawAll: boolean;
}

function sameNodes(a: readonly LinkNode[] | undefined, b: readonly LinkNode[]): boolean {
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
