/** Icon and colour per status, chosen to read at a glance (theme colours, so every theme works). */
import * as vscode from 'vscode';
import type { ClientLinkStatus } from '../../core/model/clientLink';

const APPEARANCE: Readonly<Record<ClientLinkStatus, [icon: string, color: string]>> = {
  LinkPending: ['mail', 'charts.yellow'],
  LinkAccepted: ['check', 'charts.blue'],
  LinkInProgress: ['sync', 'charts.blue'],
  Active: ['pass-filled', 'charts.green'],
  UnlinkRequested: ['debug-disconnect', 'charts.orange'],
  UnlinkPending: ['debug-disconnect', 'charts.orange'],
  UnlinkInProgress: ['sync', 'charts.orange'],
  UnlinkFailed: ['warning', 'charts.red'],
  Inactive: ['circle-slash', 'disabledForeground'],
  LinkCanceled: ['close', 'descriptionForeground'],
  LinkDeclined: ['thumbsdown', 'charts.red'],
  LinkExpired: ['history', 'descriptionForeground'],
  LinkFailed: ['error', 'charts.red'],
  UnlinkCanceled: ['circle-outline', 'descriptionForeground'],
};

export function statusIcon(status: string | null | undefined): vscode.ThemeIcon {
  const appearance = status ? APPEARANCE[status as ClientLinkStatus] : undefined;
  if (!appearance) {
    return new vscode.ThemeIcon('question');
  }
  return new vscode.ThemeIcon(appearance[0], new vscode.ThemeColor(appearance[1]));
}
