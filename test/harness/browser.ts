// Debian's headless Chromium driven by playwright-core, set up the same way for every run so that
// screenshots are comparable: fixed viewport, scale, locale, time zone and colour scheme.
import * as fs from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const viewport = { width: 1400, height: 900 };

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface BrowserOptions {
  executablePath?: string;
  /** Every console message of the page is appended here. */
  consoleLogFile?: string;
  /** Show the window (MSADS_HEADFUL=1 does the same; needs a display). */
  headful?: boolean;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.MSADS_CHROMIUM ?? '/usr/bin/chromium',
    headless: !(options.headful ?? process.env.MSADS_HEADFUL === '1'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--font-render-hinting=none',
    ],
    timeout: 60_000,
  });
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  if (options.consoleLogFile) {
    const log = fs.createWriteStream(options.consoleLogFile, { flags: 'a' });
    page.on('console', (msg) => log.write(`[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => log.write(`[pageerror] ${err.stack ?? err.message}\n`));
    page.on('crash', () => log.write('[crash] the page crashed\n'));
  }
  return {
    browser,
    context,
    page,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
