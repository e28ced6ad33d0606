/** The ThemeIcon of a status: its icon in the extension's own status colour (see statusPalette.ts). */
import * as vscode from 'vscode';
import type { ClientLinkStatus } from '../../core/model/clientLink';
import { STATUS_APPEARANCE } from './statusPalette';

/** One icon per status, shared by its rows (a 25,000-row group asks for as many). */
const icons = new Map<string, vscode.ThemeIcon>();

export function statusIcon(status: string | null | undefined): vscode.ThemeIcon {
  const appearance = status ? STATUS_APPEARANCE[status as ClientLinkStatus] : undefined;
  const key = appearance ? (status ?? '') : '';
  let icon = icons.get(key);
  if (!icon) {
    icon = appearance ? new vscode.ThemeIcon(appearance[0], new vscode.ThemeColor(appearance[1])) : new vscode.ThemeIcon('question');
    icons.set(key, icon);
  }
  return icon;
}
