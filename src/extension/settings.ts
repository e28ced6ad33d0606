/** Typed access to the `clientLinks.*` settings. */
import * as vscode from 'vscode';
import { type Environment, isEnvironment } from '../core/config';
import { GROUP_BY_VALUES, type GroupBy } from '../core/workflow/grouping';

export const SECTION = 'clientLinks';

export interface Settings {
  environment: Environment;
  endpoint: string;
  clientId: string;
  tenant: string;
  customerId: string;
  groupBy: GroupBy;
  showEmptyGroups: boolean;
  autoRefreshSeconds: number;
  notifyOnStatusChange: boolean;
  requestTimeoutSeconds: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const environment = c.get<string>('environment', 'production');
  const groupBy = c.get<string>('groupBy', 'status');
  return {
    environment: isEnvironment(environment) ? environment : 'production',
    endpoint: c.get<string>('endpoint', '').trim(),
    clientId: c.get<string>('clientId', '').trim(),
    tenant: c.get<string>('tenant', 'common').trim() || 'common',
    customerId: c.get<string>('customerId', '').trim(),
    groupBy: (GROUP_BY_VALUES as readonly string[]).includes(groupBy) ? (groupBy as GroupBy) : 'status',
    showEmptyGroups: c.get<boolean>('showEmptyGroups', false),
    autoRefreshSeconds: Math.max(0, c.get<number>('autoRefreshSeconds', 120)),
    notifyOnStatusChange: c.get<boolean>('notifyOnStatusChange', true),
    requestTimeoutSeconds: Math.max(5, c.get<number>('requestTimeoutSeconds', 60)),
  };
}

export async function updateSetting(key: keyof Settings, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
