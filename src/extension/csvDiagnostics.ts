/**
 * Problems of an invitations CSV in the Problems panel, on the file's rows: what makes the file
 * unusable (errors, nothing sent) and, after sending, the rows the service refused (warnings).
 * Cleared when the file is read again (Invite Clients from CSV), when it is saved without the
 * problems, and when it is closed.
 */
import * as vscode from 'vscode';
import type { ValidationProblem } from '../core/errors';
import { decodeCsvBytes, problemLocation } from '../core/workflow/inviteCsv';

/** The Problems panel's source column (the product's name). */
export const CSV_DIAGNOSTICS_SOURCE = 'Client Links';

export class CsvDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('clientLinksCsv');
  private readonly subscriptions: vscode.Disposable[];

  /** `revalidate`: the problems of the file's new text (after a save), or undefined to keep them. */
  constructor(revalidate: (bytes: Uint8Array) => ValidationProblem[] | undefined) {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.collection.has(doc.uri)) {
          const problems = revalidate(new TextEncoder().encode(doc.getText()));
          if (problems) {
            this.showProblems(doc.uri, doc.getText(), problems);
          }
        }
      }),
    ];
  }

  /** The file's problems as errors (nothing was sent); an empty list clears them. */
  showProblems(uri: vscode.Uri, text: string, problems: readonly ValidationProblem[]): void {
    this.collection.set(uri, problems.map((p) => this.diagnostic(text, p, p.message, vscode.DiagnosticSeverity.Error)));
  }

  /** After sending: the rows the service did not accept, with the reason (warnings: the rest was sent). */
  showSendFailures(uri: vscode.Uri, text: string, failures: readonly { row: number; reason: string }[]): void {
    this.collection.set(uri, failures.map((f) => this.diagnostic(text, { row: f.row }, vscode.l10n.t({ message: 'Row {0} not invited: {1}', args: [f.row, f.reason], comment: ['{0} is a row number of the CSV file, {1} why the service refused it'] }), vscode.DiagnosticSeverity.Warning)));
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  private diagnostic(text: string, problem: Pick<ValidationProblem, 'row' | 'column'>, message: string, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
    const at = problemLocation(text, problem);
    const d = new vscode.Diagnostic(new vscode.Range(at.line, at.start, at.line, at.end), message, severity);
    d.source = CSV_DIAGNOSTICS_SOURCE;
    return d;
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.collection.dispose();
  }
}

/** The text of a CSV file as its problems' rows count it (BOM dropped; empty when it cannot be decoded). */
export function csvText(bytes: Uint8Array): string {
  const decoded = decodeCsvBytes(bytes);
  return 'text' in decoded ? decoded.text : '';
}
