/** Typed access to the `clientLinks.*` settings. */
import * as vscode from 'vscode';
import { type Environment, isEnvironment, resolveEndpoint } from '../core/config';
import { type ApiSetting, isApiSetting, protocolEndpoint, resolveProtocol, type WireProtocol } from '../core/protocol';
import { GROUP_BY_VALUES, type GroupBy } from '../core/workflow/grouping';
import { DEFAULT_FULL_LISTING_MINUTES } from '../core/workflow/linkPolling';
import { DEFAULT_EXPIRY_WARNING_DAYS, DEFAULT_STUCK_THRESHOLD_HOURS } from '../core/workflow/linkDeadlines';
import { isSortBy, type SortBy } from '../core/workflow/linkSort';

export const SECTION = 'clientLinks';

export interface Settings {
  api: ApiSetting;
  environment: Environment;
  endpoint: string;
  clientId: string;
  tenant: string;
  customerId: string;
  groupBy: GroupBy;
  sortBy: SortBy;
  showEmptyGroups: boolean;
  autoRefreshSeconds: number;
  /** Minutes between full listings; automatic refreshes in between poll only the links in motion. 0: every automatic refresh lists everything. */
  fullRefreshMinutes: number;
  notifyOnStatusChange: boolean;
  /** Warn once per invitation when it has fewer days left than this; 0: no warning. */
  expiryWarningDays: number;
  /** A link in motion this long without a change is stuck; 0: no stuck-link warnings. */
  stuckThresholdHours: number;
  requestTimeoutSeconds: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const environment = c.get<string>('environment', 'production');
  const groupBy = c.get<string>('groupBy', 'status');
  const sortBy = c.get<string>('sortBy', 'name');
  const api = c.get<string>('api', 'auto');
  return {
    api: isApiSetting(api) ? api : 'auto',
    environment: isEnvironment(environment) ? environment : 'production',
    endpoint: c.get<string>('endpoint', '').trim(),
    clientId: c.get<string>('clientId', '').trim(),
    tenant: c.get<string>('tenant', 'common').trim() || 'common',
    customerId: c.get<string>('customerId', '').trim(),
    groupBy: (GROUP_BY_VALUES as readonly string[]).includes(groupBy) ? (groupBy as GroupBy) : 'status',
    sortBy: isSortBy(sortBy) ? sortBy : 'name',
    showEmptyGroups: c.get<boolean>('showEmptyGroups', false),
    autoRefreshSeconds: Math.max(0, c.get<number>('autoRefreshSeconds', 120)),
    fullRefreshMinutes: Math.max(0, c.get<number>('fullRefreshMinutes', DEFAULT_FULL_LISTING_MINUTES)),
    notifyOnStatusChange: c.get<boolean>('notifyOnStatusChange', true),
    expiryWarningDays: Math.min(30, Math.max(0, c.get<number>('expiryWarningDays', DEFAULT_EXPIRY_WARNING_DAYS))),
    stuckThresholdHours: Math.max(0, c.get<number>('stuckThresholdHours', DEFAULT_STUCK_THRESHOLD_HOURS)),
    requestTimeoutSeconds: Math.max(5, c.get<number>('requestTimeoutSeconds', 60)),
  };
}

export async function updateSetting(key: keyof Settings, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

export interface ApiInUse {
  protocol: WireProtocol;
  /** The checked endpoint setting (or the environment's), as the service is given it. */
  endpoint: string;
  /** What the protocol calls: the SOAP `.svc` URL or the REST base URL. */
  url: string;
}

/** The protocol `clientLinks.api` means now, and where it calls; throws a ConfigError for a bad endpoint setting. */
export function apiInUse(settings: Settings, nowMs: number = Date.now()): ApiInUse {
  const endpoint = resolveEndpoint(settings.environment, settings.endpoint);
  const protocol = resolveProtocol(settings.api, nowMs);
  return { protocol, endpoint, url: protocolEndpoint(protocol, endpoint) };
}
