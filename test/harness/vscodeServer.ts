// Starts the VS Code server bundled in code-server (lib/vscode/out/server-main.js) on Node 24, on
// 127.0.0.1 with a port the OS picks, in folders of its own, and builds workbench URLs for it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeServerInstall, codeServerInstall } from './paths';
import { Managed, startProcess, waitForLine } from './processes';

export interface VsCodeServerOptions {
  /** Folder for this server's user data, server data, extensions, workspace and log. */
  runDir: string;
  /**
   * Passes --enable-smoke-test-driver: the workbench then honours the `payload` URL parameter
   * (extensionDevelopmentPath, extensionTestsPath) and calls window.codeAutomationExit. In this mode
   * VS Code refuses modal dialogs such as the authentication consent.
   */
  smokeTestDriver?: boolean;
  /**
   * Extension ids passed as --disable-extension (e.g. `vscode.microsoft-authentication`); built-in
   * ones (`vscode.*`) are also left out of the harness-owned copy of the server (see serverMainFor).
   */
  disableExtensions?: string[];
  /** Extension folders (with package.json) linked into the extensions folder, i.e. installed. */
  installExtensions?: string[];
  /**
   * VSIX files installed the way users install them: the server's own `--install-extension <vsix>`
   * (with `--start-server`), as `code --install-extension` does. Resolves once each is installed;
   * rejects with the server's message when one is not.
   */
  installVsix?: string[];
  /** Written to <user-data-dir>/Machine/settings.json (the "Remote" settings of the workbench). */
  machineSettings?: Record<string, unknown>;
  /** Written to <user-data-dir>/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /**
   * Extension ids allowed to use authentication sessions without the consent dialog. The server then
   * runs from a harness-owned copy of lib/vscode (hard links) whose product.json lists them in
   * `trustedExtensionAuthAccess`; the installed code-server is not modified.
   */
  trustedAuthExtensions?: string[];
  /** Extra environment for the server and so its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Fixed port (default: one the OS picks). */
  port?: number;
  startTimeoutMs?: number;
  /** More server arguments (e.g. ['--log', 'trace']). */
  extraArgs?: string[];
}

export interface VsCodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The workspace folder opened by default (inside runDir). */
  workspaceFolder: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  install: CodeServerInstall;
  managed: Managed;
  /** vscode-remote://127.0.0.1:PORT/abs/path */
  remoteUri(absPath: string): string;
  /** The workbench URL opening `folder` (default: workspaceFolder), with an optional payload. */
  workbenchUrl(options?: { folder?: string; payload?: [string, string][] }): string;
  stop(): Promise<void>;
}

/** Environment variables of an enclosing VS Code (terminal, test run) that must not leak into ours. */
function cleanEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k.startsWith('npm_')) {
      continue;
    }
    env[k] = v;
  }
  return { ...env, ...extra };
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

interface ExtensionManifest {
  publisher: string;
  name: string;
  version: string;
}

/** Installs an extension folder by linking it into the extensions folder as publisher.name-version. */
function linkExtension(extensionsDir: string, folder: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as ExtensionManifest;
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.symlinkSync(path.resolve(folder), target, 'dir');
}

/**
 * Returns the server-main.js to run: the installed one, or a harness-owned copy of lib/vscode (hard
 * links, made once and reused) whose product.json trusts `trusted` for authentication access and
 * from which the built-in extensions `removed` (folder names under extensions/) are deleted.
 * `--disable-extension` alone does not stop a built-in from activating on
 * `onAuthenticationRequest:microsoft` in this server, and the first provider registered wins.
 */
function serverMainFor(install: CodeServerInstall, trusted: string[], removed: string[]): string {
  if (trusted.length === 0 && removed.length === 0) {
    return install.serverMain;
  }
  const vscodeDir = path.resolve(install.serverMain, '..', '..');
  const key = createHash('sha1')
    .update(`v2|${trusted.slice().sort().join(',')}|${removed.slice().sort().join(',')}`)
    .digest('hex')
    .slice(0, 10);
  const copy = path.join(path.dirname(install.codeServerHome), '..', `vscode-trusted-${key}`);
  if (!fs.existsSync(path.join(copy, '.complete'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.rmSync(`${copy}.tmp`, { recursive: true, force: true });
    execFileSync('cp', ['-al', vscodeDir, `${copy}.tmp`]);
    for (const folder of removed) {
      fs.rmSync(path.join(`${copy}.tmp`, 'extensions', folder), { recursive: true, force: true });
    }
    if (trusted.length > 0) {
      trustForAuth(`${copy}.tmp`, trusted);
    }
    fs.writeFileSync(path.join(`${copy}.tmp`, '.complete'), `trusted: ${trusted.join(' ')}\nremoved: ${removed.join(' ')}\n`);
    fs.renameSync(`${copy}.tmp`, copy);
  }
  return path.join(copy, 'out', 'server-main.js');
}

function trustForAuth(dir: string, trusted: string[]): void {
  const productFile = path.join(dir, 'product.json');
  const product = JSON.parse(fs.readFileSync(productFile, 'utf8')) as { trustedExtensionAuthAccess?: unknown };
  const existing = product.trustedExtensionAuthAccess;
  const access: Record<string, string[]> = {};
  if (Array.isArray(existing)) {
    access.microsoft = existing.map(String);
  } else if (existing && typeof existing === 'object') {
    Object.assign(access, existing as Record<string, string[]>);
  }
  access.microsoft = [...new Set([...(access.microsoft ?? []), ...trusted])];
  product.trustedExtensionAuthAccess = access;
  fs.unlinkSync(productFile); // a hard link to the installed file: replace, never write through
  writeJson(productFile, product);
  // The browser workbench does not read product.json at run time: its product configuration is
  // baked into workbench.js (the server only sends a few fields). Add the ids there as well.
  const workbenchFile = path.join(dir, 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
  const workbench = fs.readFileSync(workbenchFile, 'utf8');
  const marker = 'trustedExtensionAuthAccess:[';
  const at = workbench.indexOf(marker);
  if (at < 0 || workbench.indexOf(marker, at + 1) >= 0) {
    throw new Error(`expected exactly one '${marker}' in ${workbenchFile}; this code-server version is not supported for pre-trusted sign-in`);
  }
  const insert = trusted.map((id) => JSON.stringify(id)).join(',');
  fs.unlinkSync(workbenchFile);
  fs.writeFileSync(workbenchFile, `${workbench.slice(0, at + marker.length)}${insert},${workbench.slice(at + marker.length)}`);
}

/**
 * Resolves when the server has printed "Extension '<file>' was successfully installed." for each
 * VSIX; rejects on "Failed Installing Extensions: ...", on exit, or after `timeoutMs`.
 */
function vsixInstalled(managed: Managed, vsixFiles: string[], timeoutMs: number, logFile: string): Promise<void> {
  if (vsixFiles.length === 0) {
    return Promise.resolve();
  }
  const pending = new Set(vsixFiles.map((f) => path.basename(f)));
  const promise = new Promise<void>((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer);
      managed.lines.off('line', onLine);
      if (err) {
        reject(err);
      } else {
        resolve();
      }
    };
    const onLine = (line: string): void => {
      const ok = /Extension '([^']+)'(?: v\S+)? was successfully installed/.exec(line);
      if (ok) {
        pending.delete(ok[1] as string);
        if (pending.size === 0) {
          done();
        }
        return;
      }
      if (/Failed Installing Extensions|Error while installing|not found inside zip/.test(line)) {
        done(new Error(`the VS Code server could not install ${[...pending].join(', ')}: ${line.trim()} (log: ${logFile})`));
      }
    };
    const timer = setTimeout(
      () => done(new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for the VS Code server to install ${[...pending].join(', ')} (log: ${logFile})`)),
      timeoutMs,
    );
    managed.lines.on('line', onLine);
    void managed.exited.then((code) => done(new Error(`the VS Code server exited (code ${code}) before installing ${[...pending].join(', ')} (log: ${logFile})`)));
  });
  // Handled by the caller once the server listens; never an unhandled rejection before that.
  promise.catch(() => undefined);
  return promise;
}

export async function startVsCodeServer(options: VsCodeServerOptions): Promise<VsCodeServer> {
  const install = codeServerInstall();
  const runDir = path.resolve(options.runDir);
  const userDataDir = path.join(runDir, 'user-data');
  const serverDataDir = path.join(runDir, 'server-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const workspaceFolder = path.join(runDir, 'workspace');
  const logFile = path.join(runDir, 'server.log');
  for (const dir of [userDataDir, serverDataDir, extensionsDir, workspaceFolder]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  for (const folder of options.installExtensions ?? []) {
    linkExtension(extensionsDir, folder);
  }
  const baseSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.colorTheme': 'Default Dark Modern',
  };
  writeJson(path.join(userDataDir, 'User', 'settings.json'), { ...baseSettings, ...options.userSettings });
  writeJson(path.join(userDataDir, 'Machine', 'settings.json'), { ...options.machineSettings });

  const args = [
    serverMainFor(
      install,
      options.trustedAuthExtensions ?? [],
      (options.disableExtensions ?? []).filter((id) => id.startsWith('vscode.')).map((id) => id.slice('vscode.'.length)),
    ),
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--user-data-dir',
    userDataDir,
    '--server-data-dir',
    serverDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  for (const vsix of options.installVsix ?? []) {
    if (!fs.existsSync(vsix)) {
      throw new Error(`${vsix} does not exist (npm run package makes it)`);
    }
    args.push('--install-extension', path.resolve(vsix));
  }
  if (options.installVsix?.length) {
    args.push('--start-server');
  }
  if (options.smokeTestDriver) {
    args.push('--enable-smoke-test-driver');
  }
  for (const id of options.disableExtensions ?? []) {
    args.push('--disable-extension', id);
  }
  args.push(...(options.extraArgs ?? []));
  fs.writeFileSync(logFile, `[harness] ${install.node} ${args.join(' ')}\n`);
  const managed = startProcess(install.node, args, { cwd: runDir, env: cleanEnv(options.env), logFile });
  // Listening for the install lines from the start: they may come in the same chunk as 'listening'.
  const installed = vsixInstalled(managed, options.installVsix ?? [], options.startTimeoutMs ?? 60_000, logFile);
  let port: number;
  try {
    const match = await waitForLine(
      managed,
      /Extension host agent listening on (\d+)/,
      options.startTimeoutMs ?? 60_000,
      `the VS Code server to listen (log: ${logFile})`,
    );
    port = Number(match[1]);
    await installed;
  } catch (err) {
    await managed.stop();
    throw err;
  }
  const origin = `http://127.0.0.1:${port}`;
  const remoteUri = (absPath: string): string =>
    `vscode-remote://127.0.0.1:${port}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
  return {
    port,
    origin,
    workspaceFolder,
    userDataDir,
    extensionsDir,
    logFile,
    install,
    managed,
    remoteUri,
    workbenchUrl(urlOptions = {}) {
      const params = [`folder=${encodeURIComponent(remoteUri(urlOptions.folder ?? workspaceFolder))}`];
      if (urlOptions.payload) {
        params.push(`payload=${encodeURIComponent(JSON.stringify(urlOptions.payload))}`);
      }
      return `${origin}/?${params.join('&')}`;
    },
    stop: () => managed.stop(),
  };
}
