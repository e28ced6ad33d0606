/** The ThemeIcon of a status: its icon in the extension's own status colour (see statusPalette.ts). */
import * as vscode from 'vscode';
import type { ClientLinkStatus } from '../../core/model/clientLink';
import { STATUS_APPEARANCE } from './statusPalette';

export function statusIcon(status: string | null | undefined): vscode.ThemeIcon {
  const appearance = status ? STATUS_APPEARANCE[status as ClientLinkStatus] : undefined;
  if (!appearance) {
    return new vscode.ThemeIcon('question');
  }
  return new vscode.ThemeIcon(appearance[0], new vscode.ThemeColor(appearance[1]));
}
