/**
 * Reading a CSV file a command acts on (Invite Clients from CSV, Sync from CSV): the file named by
 * the caller or picked, its bytes (refusing a file over the size limit before reading it), and its
 * problems on their rows in the Problems panel with a message that says where to look.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ValidationProblem } from '../../core/errors';
import { MAX_CSV_BYTES } from '../../core/workflow/inviteCsv';
import { type CsvDiagnostics, csvText } from '../csvDiagnostics';
import type { CommandContext } from './commandContext';

/** The file a command was given (a Uri or a path), else the one the user picks; undefined when none. */
async function chooseCsvFile(file: unknown, title: string): Promise<vscode.Uri | undefined> {
  const given = file instanceof vscode.Uri ? file : typeof file === 'string' ? vscode.Uri.file(file) : undefined;
  if (given) {
    return given;
  }
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { [vscode.l10n.t('CSV files')]: ['csv', 'txt'] } });
  return picked?.[0];
}

/** The file's bytes, or undefined after telling the user why it cannot be read. */
async function readCsvFile(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_CSV_BYTES) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t({ message: '{0} is {1} MB; invitation files are limited to 1 MB. Nothing was sent.', args: [uri.fsPath, (stat.size / 1024 / 1024).toFixed(1)], comment: ['{0} is a file path, {1} its size in MB'] }),
      );
      return undefined;
    }
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t({ message: 'Cannot read {0}: {1}', args: [uri.fsPath, e instanceof Error ? e.message : String(e)], comment: ['{0} is a file path, {1} why it cannot be read'] }));
    return undefined;
  }
}

/** A CSV file a command acts on: the one given or picked, read, with its text; undefined when none was picked or it cannot be read (the user was told why). */
export async function openCsvFile(file: unknown, title: string): Promise<{ uri: vscode.Uri; bytes: Uint8Array; text: string } | undefined> {
  const uri = await chooseCsvFile(file, title);
  const bytes = uri && (await readCsvFile(uri));
  return uri && bytes ? { uri, bytes, text: csvText(bytes) } : undefined;
}

/** A file with problems: each on its row in the Problems panel and in the log; the message says where to look. Nothing was sent. */
export function reportCsvProblems(c: CommandContext, diagnostics: CsvDiagnostics, what: string, uri: vscode.Uri, text: string, problems: readonly ValidationProblem[]): void {
  c.logger.error(`${what} ${uri.fsPath}: ${problems.length} problem(s), nothing sent`);
  for (const p of problems) {
    c.logger.error(`  ${p.message}`);
  }
  diagnostics.showProblems(uri, text, problems);
  const count = problems.length;
  const file = path.basename(uri.fsPath);
  const message =
    count === 1
      ? vscode.l10n.t('Nothing was sent: {0}', problems[0]?.message ?? vscode.l10n.t('the file is invalid'))
      : vscode.l10n.t({
          message: 'Nothing was sent: {0} has {1} problems, each shown on its row in the Problems panel. The first: {2}',
          args: [file, count, problems[0]?.message ?? ''],
          comment: ['{0} is a file name, {1} how many problems it has, {2} the first problem'],
        });
  const showProblems = vscode.l10n.t('Show Problems');
  const openFile = vscode.l10n.t('Open File');
  void vscode.window.showErrorMessage(message, showProblems, openFile).then((choice) => {
    if (choice === showProblems) {
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    } else if (choice === openFile) {
      void vscode.window.showTextDocument(uri);
    }
  });
}
