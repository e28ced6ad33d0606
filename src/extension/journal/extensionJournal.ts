/**
 * The link journal of the extension: kept in the extension's global storage (one file per customer
 * and environment, see core/workflow/linkJournal.ts), so it survives restarts, reloads and
 * sign-outs. Fed from the store's events; holds the active customer's entries in memory for Link
 * Details and the Activity view, read again after each write (another window or the CLI may have
 * added to the same file).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { feedJournal } from '../../core/workflow/journalFeed';
import { historyOf, journalEnvironment, journalFiles, type JournalEntry, LinkJournal, recentOf } from '../../core/workflow/linkJournal';
import type { LinkStore } from '../../core/workflow/linkStore';
import type { Logger } from '../logger';
import { apiInUse, readSettings } from '../settings';

export class ExtensionJournal implements vscode.Disposable {
  private journal: LinkJournal | undefined;
  private loadedFrom: string | undefined;
  private entries: JournalEntry[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** The entries of the active customer changed (recorded here, or read again). */
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: { dispose(): void }[] = [];
  private readonly feed: ReturnType<typeof feedJournal>;
  /** The last reload asked for: tests and exports wait for it. */
  private loading: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly store: LinkStore,
    /** The folder the journals live in (under the extension's global storage). */
    readonly root: string,
    private readonly logger: Logger,
  ) {
    this.feed = feedJournal(store, () => this.current(), (error) => {
      if (error) {
        this.reportWriteFailure(error);
      }
      this.reload();
    });
    this.subscriptions.push(
      this.feed,
      store.onDidChange((e) => {
        if (e.type === 'session') {
          this.reload(); // another customer, or signed out: its own file (or none)
        }
      }),
      this.emitter,
    );
    this.reload();
  }

  /** The journal of the active customer in the configured environment; undefined when none is active. */
  current(): LinkJournal | undefined {
    const customerId = this.store.active?.customerId;
    if (!customerId) {
      return undefined;
    }
    const files = journalFiles(this.root, { environment: this.environment(), customerId });
    if (this.journal?.files.entries !== files.entries) {
      this.journal = new LinkJournal(files, { source: 'extension' });
    }
    return this.journal;
  }

  /** Every change of one link (by `clientLinkKey`), oldest first. */
  history(key: string): JournalEntry[] {
    return historyOf(this.entries, key);
  }

  /** Recent changes across the active customer's links, newest first. */
  recent(limit: number): JournalEntry[] {
    return recentOf(this.entries, limit);
  }

  /** Every entry of the active customer, oldest first. */
  all(): readonly JournalEntry[] {
    return this.entries;
  }

  /** Resolves once what was recorded so far is written and read back. */
  async settled(): Promise<void> {
    await this.feed.settled();
    await this.journal?.settled();
    await this.loading;
  }

  private environment(): string {
    const settings = readSettings();
    try {
      return journalEnvironment(settings.environment, apiInUse(settings).endpoint);
    } catch {
      return settings.environment; // a bad endpoint setting: nothing is listed anyway
    }
  }

  private reload(): void {
    const journal = this.current();
    const previous = this.loading;
    this.loading = (async () => {
      await previous.catch(() => undefined);
      let entries: JournalEntry[] = [];
      try {
        entries = journal ? await journal.read() : [];
      } catch (e) {
        this.logger.warn(`Could not read the link history ${journal?.files.entries ?? ''}: ${e instanceof Error ? e.message : String(e)}`);
      }
      // The customer may have changed while reading: keep only what belongs to the active one.
      if (journal !== this.current()) {
        return;
      }
      const from = journal?.files.entries;
      if (from === this.loadedFrom && sameEntries(entries, this.entries)) {
        return;
      }
      this.loadedFrom = from;
      this.entries = entries;
      this.emitter.fire();
    })();
  }

  private reportWriteFailure(error: unknown): void {
    const where = this.journal ? path.dirname(this.journal.files.entries) : this.root;
    this.logger.warn(`Could not write the link history to ${where}: ${error instanceof Error ? error.message : String(error)}`);
    if (!this.warned) {
      this.warned = true;
      void vscode.window.showWarningMessage(vscode.l10n.t('The link history could not be saved in {0}. Check that the folder can be written to; the links themselves are not affected.', where));
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }
}

function sameEntries(a: readonly JournalEntry[], b: readonly JournalEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i]));
}
