// What the UI tests drive: the simulator (demo seed, manual clock), a VS Code server (no smoke-test
// driver) with the extension installed normally, the test-only `microsoft` provider, the built-in
// Microsoft sign-in disabled and the extension pre-trusted for the provider, and headless Chromium
// at 1400x900 on the workbench. Everything a person does goes through the page: keyboard, clicks,
// the command palette, quick picks, context menus and dialogs. Screenshots go to test-results/ui/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { BrowserSession, launchBrowser } from '../harness/browser';
import { ClientLinksServer, SimulatorInfo, startClientLinksServer, startSimulator } from '../harness/environment';
import { makeRunDir, resultsDir } from '../harness/paths';

export const screenshotDir = path.join(resultsDir, 'ui');

export interface UiSessionOptions {
  /** Users signed in to the test provider at start (default 'none': the test signs in). */
  signedIn?: string;
  autoAdvance?: boolean;
  settings?: Record<string, unknown>;
  /** Screenshots go to test-results/ui/<this>/ instead of test-results/ui/ (one folder per run of the scenario). */
  screenshotSubdir?: string;
}

export class UiSession {
  private shotIndex = 0;
  readonly runDir: string;

  private constructor(
    readonly simulator: SimulatorInfo,
    readonly server: ClientLinksServer,
    readonly browser: BrowserSession,
    runDir: string,
    private readonly shotDir: string,
  ) {
    this.runDir = runDir;
  }

  get page(): Page {
    return this.browser.page;
  }

  static async start(options: UiSessionOptions = {}): Promise<UiSession> {
    const runDir = makeRunDir('ui');
    const shotDir = options.screenshotSubdir ? path.join(screenshotDir, options.screenshotSubdir) : screenshotDir;
    fs.mkdirSync(shotDir, { recursive: true });
    for (const f of fs.readdirSync(shotDir)) {
      if (f.endsWith('.png')) {
        fs.rmSync(path.join(shotDir, f));
      }
    }
    const simulator = await startSimulator({ runDir, seed: 'demo', autoAdvance: options.autoAdvance ?? false });
    let server: ClientLinksServer | undefined;
    try {
      server = await startClientLinksServer({
        runDir,
        simulator,
        signedIn: options.signedIn ?? 'none',
        trusted: true,
        settings: {
          'clientLinks.autoRefreshSeconds': 0,
          'clientLinks.notifyOnStatusChange': false,
          // The demo seed has an invitation expiring tomorrow: no expiry or stuck-link toasts unless a suite asks.
          'clientLinks.expiryWarningDays': 0,
          'clientLinks.stuckThresholdHours': 0,
          ...options.settings,
        },
      });
      const browser = await launchBrowser({ consoleLogFile: path.join(runDir, 'browser-console.log') });
      const session = new UiSession(simulator, server, browser, runDir, shotDir);
      await session.openWorkbench();
      return session;
    } catch (err) {
      await server?.stop();
      await simulator.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
    await this.simulator.stop();
  }

  /** The simulator's control endpoint: <origin>/__control<route>. */
  async control(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<unknown> {
    const origin = new URL(this.simulator.endpoint).origin;
    const res = await fetch(`${origin}/__control${route}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`control ${method} ${route}: HTTP ${res.status} ${text}`);
    }
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  async openWorkbench(): Promise<void> {
    await this.page.goto(this.server.workbenchUrl(), { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.statusbar').waitFor({ timeout: 60_000 });
    await this.page.locator('.activitybar').waitFor({ timeout: 60_000 });
    await this.dismissNotifications();
  }

  /** After a failed test: a screenshot, the page's HTML and where the run's logs are, for whoever reads the failure. */
  async keepFailureEvidence(test: { state?: string; title?: string } | undefined): Promise<void> {
    if (test?.state !== 'failed') {
      return;
    }
    await this.screenshot(`failed-${(test.title || 'step').replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
    fs.writeFileSync(path.join(this.runDir, 'failed-page.html'), await this.page.content().catch(() => ''));
    console.log(`    (run folder with logs: ${this.runDir})`);
  }

  /** Saves test-results/ui/NN-name.png (the whole 1400x900 page). */
  async screenshot(name: string): Promise<string> {
    this.shotIndex++;
    const file = path.join(this.shotDir, `${String(this.shotIndex).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  statusBarItem(): Locator {
    return this.page.locator('[id$="clientLinks.status"]');
  }

  async statusBarText(): Promise<string> {
    return ((await this.statusBarItem().textContent()) ?? '').trim();
  }

  // --- command palette and quick input -------------------------------------------------------------

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickInputBox(): Locator {
    return this.quickInput().locator('.quick-input-box input');
  }

  quickRows(): Locator {
    return this.quickInput().locator('.quick-input-list .monaco-list-row');
  }

  /** Runs a command from the palette by its full title, e.g. "Client Links: Refresh". */
  async runCommand(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    await this.quickInput().waitFor({ state: 'visible' });
    await this.quickInputBox().fill(`>${title}`);
    const row = this.quickRows().filter({ hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    // The list filters as it types: wait until the wanted command is the first row, then choose it.
    await this.page.waitForFunction(
      (t) => document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row')?.getAttribute('aria-label')?.includes(t) ?? false,
      title,
      { timeout: 15_000 },
    );
    await this.page.keyboard.press('Enter');
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
  }

  /** Waits for a quick input whose title or placeholder contains `text`. */
  async waitForQuickInput(text: string | RegExp, timeoutMs = 20_000): Promise<void> {
    await this.quickInput().filter({ hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs }).catch(async () => {
      // The text may only be the input's placeholder, which hasText does not see.
      await this.page.waitForFunction(
        (pattern) => {
          const widget = document.querySelector<HTMLElement>('.quick-input-widget');
          if (!widget || widget.style.display === 'none') {
            return false;
          }
          const input = widget.querySelector<HTMLInputElement>('.quick-input-box input');
          const all = `${widget.textContent ?? ''} ${input?.placeholder ?? ''} ${input?.getAttribute('aria-label') ?? ''}`;
          return new RegExp(pattern).test(all);
        },
        typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source,
        { timeout: timeoutMs },
      );
    });
  }

  /** Clicks the quick pick row whose aria label contains `label`. */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const row = this.quickRows().filter({ hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
  }

  // --- notifications and dialogs ------------------------------------------------------------------

  notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item');
  }

  async dismissNotifications(): Promise<void> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    for (let i = 0; i < 10 && (await toasts.count()) > 0; i++) {
      await toasts.first().hover().catch(() => undefined);
      const close = toasts.first().locator('.codicon-notifications-clear');
      if (await close.isVisible().catch(() => false)) {
        await close.click().catch(() => undefined);
      } else {
        break;
      }
    }
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  async answerDialog(button: string, screenshotName?: string): Promise<string> {
    const dialog = this.dialog();
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    const text = ((await dialog.textContent()) ?? '').trim();
    if (screenshotName) {
      await this.screenshot(screenshotName);
    }
    await dialog.locator('.monaco-button', { hasText: button }).first().click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    return text;
  }

  // --- the Client Links view ----------------------------------------------------------------------

  /**
   * The view's pane body (the tree and its welcome content), found by its container's id: the pane's
   * title names the customer and the user once signed in ("Contoso Agency · Avery Howard"), not "Client Links".
   */
  view(): Locator {
    return this.page.locator('[id="workbench.view.extension.clientLinks"] .pane').filter({ has: this.page.locator('.pane-body') });
  }

  treeRows(): Locator {
    return this.view().locator('.monaco-list-row');
  }

  /** The tree row whose aria label (name, status) matches. */
  row(label: string | RegExp): Locator {
    if (typeof label === 'string') {
      return this.view().locator(`.monaco-list-row[aria-label*="${label.replace(/"/g, '\\"')}"]`).first();
    }
    return this.treeRows().filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  /** A status group row: label then count, e.g. 'Pending invitation' + '3'. */
  groupRow(label: string): Locator {
    return this.view().locator('.monaco-list-row[aria-level="1"]', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  }

  async openView(): Promise<void> {
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="Client Links"], .activitybar .action-label[aria-label^="Client Links"]').first();
    const expanded = await this.page.locator('.sidebar .composite.title', { hasText: /CLIENT LINKS/i }).isVisible().catch(() => false);
    if (!expanded) {
      await icon.click();
    }
    await this.view().waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** [label, count] of each top-level group row. */
  async groups(): Promise<{ label: string; count: string; expanded: boolean }[]> {
    const rows = this.view().locator('.monaco-list-row[aria-level="1"]');
    const out: { label: string; count: string; expanded: boolean }[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const r = rows.nth(i);
      out.push({
        label: ((await r.locator('.label-name').textContent()) ?? '').trim(),
        count: ((await r.locator('.label-description').textContent().catch(() => '')) ?? '').trim(),
        expanded: (await r.getAttribute('aria-expanded')) === 'true',
      });
    }
    return out;
  }

  async expandGroup(label: string): Promise<void> {
    const row = this.groupRow(label);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
    await this.page.waitForFunction(
      (l) =>
        Array.from(document.querySelectorAll('.monaco-list-row[aria-level="1"]')).some(
          (r) => r.querySelector('.label-name')?.textContent?.trim() === l && r.getAttribute('aria-expanded') === 'true',
        ),
      label,
    );
    // The children arrive after the twistie turns: wait for the first link row.
    await this.view().locator('.monaco-list-row[aria-level="2"]').first().waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** Aria labels of the link rows (level 2), e.g. "Fabrikam Sports, Pending invitation". */
  async linkLabels(): Promise<string[]> {
    return this.view()
      .locator('.monaco-list-row[aria-level="2"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** Right-clicks the row(s) and chooses `action` from the context menu. */
  async contextMenu(row: Locator, action: string, screenshotName?: string): Promise<void> {
    await row.click({ button: 'right' });
    const item = this.page.locator('.monaco-menu .action-item', { hasText: action }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await this.chooseMenuItem(item, screenshotName);
  }

  /** Hovers, optionally screenshots, and clicks a menu item; Enter if the menu is still open. */
  private async chooseMenuItem(item: Locator, screenshotName?: string): Promise<void> {
    await item.hover();
    await this.page.waitForTimeout(150);
    if (screenshotName) {
      await this.screenshot(screenshotName);
    }
    await item.click();
    const menu = this.page.locator('.monaco-menu').first();
    if (!(await menu.waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false))) {
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: 5000 });
    }
  }

  /**
   * A title-bar action of the Client Links view, by its aria label selector. With one view in the
   * container VS Code shows them in the container's title; with more (the Activity view), in the
   * view's own pane header, whose actions show on hover.
   */
  private async viewTitleAction(ariaSelector: string): Promise<Locator> {
    const header = this.view().locator('.pane-header').first();
    if (await header.isVisible().catch(() => false)) {
      await header.hover();
      return header.locator(`.action-label${ariaSelector}`).first();
    }
    return this.page.locator(`.sidebar .action-label${ariaSelector}`).first();
  }

  async collapseAll(): Promise<void> {
    const button = await this.viewTitleAction('[aria-label^="Collapse All"]');
    if (await button.isVisible().catch(() => false)) {
      await button.click();
    }
  }

  async waitForRow(label: string, timeoutMs = 30_000): Promise<void> {
    await this.row(label).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  async waitForRowGone(label: string, timeoutMs = 30_000): Promise<void> {
    await this.row(label).waitFor({ state: 'detached', timeout: timeoutMs });
  }

  async waitForGroupCount(label: string, count: number, timeoutMs = 30_000): Promise<void> {
    await this.groupRow(label).locator('.label-description', { hasText: new RegExp(`^${count}$`) }).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Answers VS Code's open dialog. For a remote workspace it is the "simple" file dialog: a quick
   * input whose value is a path; typing the full path and pressing Enter opens that file.
   */
  async chooseFileInOpenDialog(file: string): Promise<void> {
    await this.quickInput().waitFor({ state: 'visible', timeout: 20_000 });
    await this.page.waitForTimeout(300);
    await this.quickInputBox().fill(file);
    await this.page.waitForTimeout(500);
    await this.screenshot('open-dialog');
    await this.page.keyboard.press('Enter');
  }

  /** Presses the quick input's OK button (multi-select) or Enter. */
  async acceptQuickInput(): Promise<void> {
    const ok = this.quickInput().locator('.monaco-button', { hasText: /^OK$/ });
    if (await ok.isVisible().catch(() => false)) {
      await ok.click();
    } else {
      await this.page.keyboard.press('Enter');
    }
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Waits for text of the visible output channel (the Output panel's editor) and returns the match. */
  async waitForOutputLine(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const handle = await this.page.waitForFunction(
      (source) => {
        const re = new RegExp(source.pattern, source.flags);
        const lines = Array.from(document.querySelectorAll('.part.panel .monaco-editor .view-lines .view-line'));
        // Long log lines wrap over several view lines: search the joined text.
        const text = lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join(' ');
        return re.exec(text)?.[0] ?? false;
      },
      { pattern: pattern.source, flags: pattern.flags },
      { timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as string;
  }

  /** Runs a "..." (Views and More Actions) menu entry of the view's title bar. */
  async viewMenu(action: string, screenshotName?: string): Promise<void> {
    await (await this.viewTitleAction('[aria-label*="More Actions"]')).click();
    const item = this.page.locator('.monaco-menu .action-item', { hasText: action }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await this.chooseMenuItem(item, screenshotName);
  }

  async waitForViewText(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    await this.view().filter({ hasText: text }).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Waits until the view shows groups and the status bar a count. (Right after loading, the view may
   * briefly show its "No client links" welcome while the tree asks for its first rows.)
   */
  async waitForLinksLoaded(timeoutMs = 30_000): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const status = document.querySelector('[id$="clientLinks.status"]')?.textContent ?? '';
        const groups = document.querySelectorAll('.sidebar .monaco-list-row[aria-level="1"]').length;
        return /\d/.test(status) && groups > 0;
      },
      undefined,
      { timeout: timeoutMs },
    );
  }

  // --- sign-in ------------------------------------------------------------------------------------

  /**
   * "Client Links: Sign In with Microsoft" from the palette, then whatever VS Code and the provider
   * ask: VS Code's account pick when other accounts are signed in ("Sign in to another account"),
   * then the simulator provider's user pick. The extension is pre-trusted, so there is no consent.
   */
  async signIn(userName: string, options: { waitForLinks?: boolean } = {}): Promise<void> {
    await this.runCommand('Client Links: Sign In with Microsoft');
    const deadline = Date.now() + 30_000;
    let n = 0;
    while (Date.now() < deadline) {
      if (process.env.MSADS_UI_DEBUG && n++ % 10 === 0) {
        await this.screenshot(`debug-signin-${n}`);
      }
      if (await this.quickInput().isVisible()) {
        const rows = await this.quickRows().evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') ?? ''));
        const exact = rows.findIndex((r) => r.startsWith(userName));
        if (exact >= 0) {
          await this.quickRows().nth(exact).click();
          break;
        }
        const other = rows.findIndex((r) => /another account/i.test(r));
        if (other >= 0) {
          await this.quickRows().nth(other).click();
          await this.page.waitForTimeout(300);
          continue;
        }
      }
      if (await this.dialog().isVisible()) {
        // A consent dialog ("The extension ... wants to sign in"): allow.
        await this.dialog().locator('.monaco-button', { hasText: /Allow|Sign in/ }).first().click();
      }
      await this.page.waitForTimeout(200);
    }
    if (options.waitForLinks !== false) {
      await this.waitForLinksLoaded();
    }
  }

  // --- themes and colours -------------------------------------------------------------------------

  /** The computed background colour of the side bar. */
  async sideBarBackground(): Promise<string> {
    return this.page.locator('.part.sidebar').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  }

  /** Labels of the title-bar actions of the view (Invite, Filter, Refresh, …). */
  async viewTitleActions(): Promise<string[]> {
    return this.page.locator('.sidebar .title-actions .action-label, .sidebar .pane-header .actions .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }
}
