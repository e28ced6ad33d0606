// Child processes that never outlive the harness: each runs in its own process group and the whole
// group is killed when the harness stops, whether it exits normally, fails, or gets SIGINT/SIGTERM.
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as readline from 'node:readline';

const live = new Set<ChildProcess>();
let hooked = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Kills every process group still running (SIGKILL: used on the way out, when nothing can wait). */
export function killAllNow(): void {
  for (const child of live) {
    killGroup(child, 'SIGKILL');
  }
  live.clear();
}

function hookExit(): void {
  if (hooked) {
    return;
  }
  hooked = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export interface Managed {
  child: ChildProcess;
  /** Emits 'line' (line: string, stream: 'stdout' | 'stderr') for each output line. */
  lines: EventEmitter;
  /** Resolves with the exit code (or 128+signal) once the process has exited. */
  exited: Promise<number>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions extends SpawnOptions {
  /** Every line of stdout and stderr goes here as well (e.g. a log file). */
  logFile?: string;
  /** Called with each output line (stdout and stderr). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** Spawns `command` in its own process group; it is killed when this process exits. */
export function startProcess(command: string, args: string[], options: StartOptions = {}): Managed {
  hookExit();
  const { logFile, onLine, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  const lines = new EventEmitter();
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (!source) {
      continue;
    }
    readline.createInterface({ input: source }).on('line', (line) => {
      log?.write(`${line}\n`);
      onLine?.(line, stream);
      lines.emit('line', line, stream);
    });
  }
  const exited = new Promise<number>((resolve) => {
    child.once('error', (err) => {
      log?.write(`[harness] failed to start ${command}: ${err.message}\n`);
      live.delete(child);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      // The group may still hold grandchildren (extension hosts, pty hosts): end them too.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // none left
        }
      }
      log?.end();
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
  });
  return {
    child,
    lines,
    exited,
    async stop(graceMs = 3000) {
      if (child.exitCode !== null || child.signalCode !== null || !live.has(child)) {
        await exited;
        return;
      }
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalNumber(signal: NodeJS.Signals): number {
  const table: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return table[signal] ?? 0;
}

/** Resolves with the first output line matching `pattern`, rejects on exit or after `timeoutMs`. */
export function waitForLine(
  managed: Managed,
  pattern: RegExp,
  timeoutMs: number,
  what: string,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const onLine = (line: string): void => {
      const match = pattern.exec(line);
      if (match) {
        done();
        resolve(match);
      }
    };
    const done = (): void => {
      clearTimeout(timer);
      managed.lines.off('line', onLine);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`));
    }, timeoutMs);
    managed.lines.on('line', onLine);
    void managed.exited.then((code) => {
      done();
      reject(new Error(`${what}: the process exited (code ${code}) before it was ready`));
    });
  });
}

/** Rejects with a clear message if `promise` is not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
