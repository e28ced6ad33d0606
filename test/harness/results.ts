// The channel from the test runner inside the extension host (test/vscode/index.ts) back to the
// command that started it: one JSON event per line, appended to the file named by MSADS_VSCODE_RESULTS.
// A file works whether the extension host is desktop VS Code's or the VS Code server's, and does not
// depend on where the extension host's console output ends up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resultsDir } from './paths';

export const resultsEnvVar = 'MSADS_VSCODE_RESULTS';

export type TestEvent =
  | { type: 'start'; files: string[]; total: number; vscodeVersion: string; time: string }
  | { type: 'pass'; title: string; file?: string; durationMs?: number }
  | { type: 'fail'; title: string; file?: string; message: string; stack?: string }
  | { type: 'pending'; title: string; file?: string }
  | { type: 'end'; passed: number; failed: number; pending: number; durationMs: number }
  | { type: 'error'; message: string; stack?: string };

export function defaultResultsFile(): string {
  return path.join(resultsDir, 'vscode', 'results.ndjson');
}

export function resultsFile(): string {
  return process.env[resultsEnvVar] ?? defaultResultsFile();
}

export function readEvents(file: string): TestEvent[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TestEvent);
}

/** One human line per event (what the bridge prints as the run goes). */
export function formatEvent(event: TestEvent): string {
  switch (event.type) {
    case 'start':
      return `VS Code ${event.vscodeVersion}: running ${event.total} test(s) from ${event.files.length} file(s)`;
    case 'pass':
      return `  ✔ ${event.title}${event.durationMs !== undefined ? ` (${event.durationMs} ms)` : ''}`;
    case 'fail':
      return `  ✘ ${event.title}\n      ${event.message.split('\n').join('\n      ')}`;
    case 'pending':
      return `  - ${event.title} (pending)`;
    case 'end':
      return `${event.passed} passed, ${event.failed} failed${event.pending ? `, ${event.pending} skipped` : ''}`;
    case 'error':
      return `  runner error: ${event.message}`;
  }
}

/** Follows `file` as it grows, calling `onEvent` for each complete line; returns a stop function. */
export function followEvents(file: string, onEvent: (event: TestEvent) => void): () => void {
  let offset = 0;
  let partial = '';
  const poll = (): void => {
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size < offset) {
      offset = 0; // truncated by a new run
      partial = '';
    }
    if (size === offset) {
      return;
    }
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      fs.readSync(fd, buffer, 0, buffer.length, offset);
      offset = size;
      const text = partial + buffer.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim()) {
          onEvent(JSON.parse(line) as TestEvent);
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  const timer = setInterval(poll, 200);
  return () => {
    clearInterval(timer);
    poll();
  };
}
