/** Connection settings of the CLI, from flags first, then environment variables. */
import { ConfigError } from '../core/errors';
import { type Environment, isEnvironment, resolveEndpoint } from '../core/config';
import { type ApiSetting, isApiSetting, resolveProtocol, type WireProtocol } from '../core/protocol';
import { validateEntityId } from '../core/workflow/inviteInput';

export interface CliConnection {
  endpoint: string;
  /** What --api / MSADS_API asked for, and the protocol it means today. */
  api: ApiSetting;
  protocol: WireProtocol;
  environment: Environment;
  accessToken: string;
  developerToken: string;
  customerId?: string;
  accountId?: string;
  timeoutMs: number;
}

export interface ConnectionFlags {
  api?: string;
  environment?: string;
  endpoint?: string;
  customerId?: string;
  accountId?: string;
  timeout?: string;
}

export function connectionFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv, nowMs: number = Date.now()): CliConnection {
  const api = (flags.api ?? env.MSADS_API ?? 'auto').trim().toLowerCase();
  if (!isApiSetting(api)) {
    throw new ConfigError(`API must be auto, soap or rest, got "${flags.api ?? env.MSADS_API}" (--api or MSADS_API).`);
  }
  const environmentRaw = flags.environment ?? env.MSADS_ENVIRONMENT ?? 'production';
  if (!isEnvironment(environmentRaw)) {
    throw new ConfigError(`Environment must be production or sandbox, got "${environmentRaw}" (--environment or MSADS_ENVIRONMENT).`);
  }
  const endpoint = resolveEndpoint(environmentRaw, flags.endpoint ?? env.MSADS_ENDPOINT);
  const accessToken = env.MSADS_ACCESS_TOKEN?.trim();
  if (!accessToken) {
    throw new ConfigError('Set MSADS_ACCESS_TOKEN to an OAuth access token with the msads.manage scope (tokens are never taken as flags, so they stay out of shell history).');
  }
  const developerToken = env.MSADS_DEVELOPER_TOKEN?.trim();
  if (!developerToken) {
    throw new ConfigError('Set MSADS_DEVELOPER_TOKEN to your Microsoft Advertising developer token (the sandbox one is BBD37VB98).');
  }
  const customerId = flags.customerId ?? env.MSADS_CUSTOMER_ID;
  if (customerId !== undefined && validateEntityId(customerId) !== undefined) {
    throw new ConfigError(`Customer id must be a positive whole number, got "${customerId}" (--customer-id or MSADS_CUSTOMER_ID).`);
  }
  const accountId = flags.accountId ?? env.MSADS_ACCOUNT_ID;
  if (accountId !== undefined && validateEntityId(accountId) !== undefined) {
    throw new ConfigError(`Account id must be a positive whole number, got "${accountId}" (MSADS_ACCOUNT_ID).`);
  }
  const timeoutSeconds = Number(flags.timeout ?? env.MSADS_TIMEOUT_SECONDS ?? '60');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new ConfigError(`Timeout must be a positive number of seconds, got "${flags.timeout ?? env.MSADS_TIMEOUT_SECONDS}" (--timeout or MSADS_TIMEOUT_SECONDS).`);
  }
  return { endpoint, api, protocol: resolveProtocol(api, nowMs), environment: environmentRaw, accessToken, developerToken, customerId, accountId, timeoutMs: timeoutSeconds * 1000 };
}
