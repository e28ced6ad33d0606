/** The service the CLI talks to, and who the user is: GetUser, then the customer to act for. */
import { AuthError, ConfigError } from '../core/errors';
import type { ClientLinksService } from '../core/service/types';
import { loadServiceModule } from '../core/service/loadService';
import { type CustomerChoice, type CustomerContext, customerContextFrom, pickCustomer } from '../core/workflow/customerContext';
import type { CliConnection } from './cliConfig';

export type ServiceFactory = (connection: CliConnection) => ClientLinksService;

export interface Connected {
  service: ClientLinksService;
  context: CustomerContext;
  active: CustomerChoice;
}

/** Builds the service (`factory` replaces the real one in tests) and asks GetUser which customer to act for. */
export async function connect(connection: CliConnection, factory: ServiceFactory | undefined, signal: AbortSignal | undefined): Promise<Connected> {
  // The customer acted for, once GetUser has told us (REST sends it as the CustomerId header).
  const acting: { customerId?: string } = {};
  const service = factory ? factory(connection) : createService(connection, () => acting.customerId);
  const user = await service.getUser(signal);
  const context = customerContextFrom(user.value);
  const active = pickCustomer(context, connection.customerId);
  acting.customerId = active?.customerId;
  if (!active) {
    throw new ConfigError(
      connection.customerId
        ? `You have no role on customer ${connection.customerId}. Your customers: ${context.customers.map((c) => c.customerId).join(', ') || 'none'}.`
        : 'The signed-in user has no customer roles.',
    );
  }
  return { service, context, active };
}

function createService(c: CliConnection, customerId: () => string | undefined): ClientLinksService {
  const { createClientLinksService } = loadServiceModule();
  return createClientLinksService({
    endpoint: c.endpoint,
    protocol: c.protocol,
    customerId,
    timeoutMs: c.timeoutMs,
    developerToken: () => Promise.resolve(c.developerToken),
    tokenSource: {
      getAccessToken: ({ forceRefresh }: { forceRefresh: boolean }) =>
        forceRefresh
          ? Promise.reject(new AuthError('The access token in MSADS_ACCESS_TOKEN was refused or has expired.', 'signInAgain'))
          : Promise.resolve(c.accessToken),
    },
  });
}
