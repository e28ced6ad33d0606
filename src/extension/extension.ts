/**
 * Activation: builds the store, sign-in, tree, status bar and commands, then probes for an
 * existing session silently. No protocol code is loaded here (see core/service/loadService).
 */
import * as path from 'node:path';
import * as coreL10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { clientLinkKey } from '../core/model/clientLink';
import { statusChangeNotice } from '../core/workflow/storeEvents';
import { isServiceModuleLoaded } from '../core/service/loadService';
import { LinkStore } from '../core/workflow/linkStore';
import { DeveloperTokenStore } from './auth/developerTokenStore';
import { MicrosoftSession, scopesFor } from './auth/microsoftSession';
import { registerAuthCommands } from './commands/authCommands';
import { registerFailureReportCommand } from './commands/bulkRun';
import type { CommandContext } from './commands/commandContext';
import { registerInviteCommands } from './commands/inviteCommands';
import { registerSyncCommands } from './commands/syncCommands';
import { registerLinkActionCommands } from './commands/linkActionCommands';
import { registerOverviewCommands } from './commands/overviewCommands';
import { registerReinviteCommand } from './commands/reinviteCommands';
import { type Clock, systemClock } from './clock';
import { LinkWatch } from './linkWatch';
import { registerViewCommands } from './commands/viewCommands';
import { Connection } from './connection';
import { ContextKeys } from './contextKeys';
import { LinkDetailsPanels } from './details/linkDetailsPanel';
import { ActivityProvider } from './journal/activityView';
import { ExtensionJournal } from './journal/extensionJournal';
import { registerJournalCommands } from './journal/journalCommands';
import { Logger } from './logger';
import type { OverviewPanel } from './overview/overviewPanel';
import { readSettings } from './settings';
import { LinksStatusBar } from './statusBar';
import { LinksTreeProvider } from './tree/linksTreeProvider';

/** Returned from activate() for tests in the extension host. */
export interface ClientLinksApi {
  store: LinkStore;
  tree: LinksTreeProvider;
  statusBar: LinksStatusBar;
  connection: Connection;
  logger: Logger;
  details: LinkDetailsPanels;
  overview: OverviewPanel;
  /** Expiry radar and stuck-link watch. */
  watch: LinkWatch;
  /** What the tree and the watch take as now (tests point it at the simulator's clock). */
  clock: Clock;
  journal: ExtensionJournal;
  activity: ActivityProvider;
  activationMs: number;
  isServiceLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): ClientLinksApi {
  const started = performance.now();
  // The core's words (statuses, groups, refusals, validation: @vscode/l10n) come from the same bundle
  // as the extension's own (vscode.l10n); in English there is none and both say what the code says.
  if (vscode.l10n.bundle) {
    coreL10n.config({ contents: vscode.l10n.bundle });
  }
  const logger = new Logger();
  const store = new LinkStore();
  store.fullListingEveryMinutes = readSettings().fullRefreshMinutes;
  const auth = new MicrosoftSession(context.globalState, () => scopesFor(readSettings()), (t) => logger.redactor.add(t));
  const developerTokens = new DeveloperTokenStore(context.secrets, (t) => logger.redactor.add(t));
  const connection = new Connection(store, auth, developerTokens, logger);
  const clock = systemClock();
  const tree = new LinksTreeProvider(store, clock);
  const statusBar = new LinksStatusBar(store, () => connection.state, () => connection.refreshPause.reason);
  // The link history: in global storage, per customer and environment (survives restarts and sign-outs).
  const journal = new ExtensionJournal(store, path.join(context.globalStorageUri.fsPath, 'journal'), logger);
  const activity = new ActivityProvider(journal);
  const details = new LinkDetailsPanels(store, journal);
  const c: CommandContext = { extension: context, store, auth, developerTokens, connection, tree, logger };
  const overview = registerOverviewCommands(c, journal, clock);
  const watch = new LinkWatch(store, context.globalState, clock, logger, (link) => {
    const node = tree.nodeFor(clientLinkKey(link));
    if (node) {
      void Promise.resolve(tree.view.reveal(node, { select: true, focus: false })).catch(() => undefined);
    }
  });

  context.subscriptions.push(
    logger,
    auth,
    developerTokens,
    connection,
    tree,
    statusBar,
    details,
    watch,
    registerReinviteCommand(c),
    journal,
    activity,
    ...registerJournalCommands(c, journal),
    ...registerAuthCommands(c),
    ...registerLinkActionCommands(c),
    ...registerInviteCommands(c),
    ...registerSyncCommands(c),
    registerFailureReportCommand(c),
    ...registerViewCommands(c, details),
    ...overview.disposables,
    connection.onDidChangeState(() => statusBar.update()),
    connection.onDidPauseRefresh(() => statusBar.update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('clientLinks.groupBy') || e.affectsConfiguration('clientLinks.sortBy') || e.affectsConfiguration('clientLinks.showEmptyGroups') || e.affectsConfiguration('clientLinks.stuckThresholdHours')) {
        tree.refreshAll();
      }
      if (e.affectsConfiguration('clientLinks.expiryWarningDays') || e.affectsConfiguration('clientLinks.stuckThresholdHours')) {
        void watch.check();
      }
      if (e.affectsConfiguration('clientLinks.autoRefreshSeconds')) {
        autoRefresh.reschedule();
      }
      if (e.affectsConfiguration('clientLinks.fullRefreshMinutes')) {
        store.fullListingEveryMinutes = readSettings().fullRefreshMinutes;
      }
    }),
  );
  context.subscriptions.push(new ContextKeys(store, connection, tree));

  const autoRefresh = new AutoRefresh(tree.view, connection);
  context.subscriptions.push(autoRefresh);

  const notifications = store.onDidChange((e) => {
    if (e.type !== 'links' || e.changed.length === 0 || !readSettings().notifyOnStatusChange) {
      return;
    }
    for (const change of e.changed) {
      logger.info(`${change.link.ClientEntityName ?? clientLinkKey(change.link)}: ${change.from ?? 'unknown'} -> ${change.to ?? 'unknown'}`);
    }
    // Changes the user just caused here (and their immediate follow-on) are not announced: the action reported them.
    const text = statusChangeNotice(e.changed);
    if (!text) {
      return;
    }
    void vscode.window.showInformationMessage(text, vscode.l10n.t('Show Links')).then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand('clientLinks.links.focus');
      }
    });
  });
  context.subscriptions.push({ dispose: () => notifications.dispose() });

  // Silent probe only: no UI, no service layer until a session and a developer token exist.
  void connection.evaluate(true);

  const activationMs = performance.now() - started;
  logger.debug(`Activated in ${activationMs.toFixed(1)} ms`);
  return { store, tree, statusBar, connection, logger, details, overview: overview.panel, watch, clock, journal, activity, activationMs, isServiceLoaded: isServiceModuleLoaded };
}

/** Refreshes on an interval while the view is visible. */
class AutoRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly connection: Connection,
  ) {
    this.subscription = view.onDidChangeVisibility(() => this.reschedule());
    this.reschedule();
  }

  reschedule(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    const seconds = readSettings().autoRefreshSeconds;
    if (seconds > 0 && this.view.visible) {
      this.timer = setInterval(() => {
        if (this.connection.state === 'ready') {
          void this.connection.refreshAutomatically(); // paused after a failure repeating cannot fix
        }
      }, seconds * 1000);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    if (this.timer) {
      clearInterval(this.timer);
    }
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
