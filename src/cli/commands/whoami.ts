/** `msads-links whoami`: the signed-in user, the customers they reach (by name where known), and the API in use. */
import { protocolLabel } from '../../core/protocol';
import { CustomerDirectory } from '../../core/workflow/customerDirectory';
import { parseSide } from '../args';
import { table } from '../format';
import { EXIT_OK } from '../io';
import { printJson } from '../render';
import type { Command } from './command';

export const whoami: Command = (args) => {
  parseSide(args.values.side);
  return async ({ io, json, context, active, service, connection }) => {
    const api = { protocol: service.protocol ?? connection.protocol, url: service.url ?? connection.endpoint };
    // Names from GetCustomersInfo; when it fails, customers are shown by id (and the failure said on stderr).
    const directory = new CustomerDirectory();
    const named = await directory.load(service, { signal: io.signal });
    if (json) {
      // Backward compatible: the fields of earlier versions stay as they were; `name` and `activeCustomerName` are added (null when unknown).
      const customers = context.customers.map((c) => ({ ...c, name: directory.nameOf(c.customerId) ?? null }));
      printJson(io, { userId: context.userId, userName: context.userName, homeCustomerId: context.homeCustomerId, activeCustomerId: active.customerId, activeCustomerName: directory.nameOf(active.customerId) ?? null, customers, protocol: api.protocol, endpoint: api.url });
      return EXIT_OK;
    }
    if (!named && directory.loadError) {
      io.err(`Customer names could not be loaded, so customers are shown by id: ${directory.loadError.message}`);
    }
    const customer = directory.describe(active.customerId);
    const acting = customer.named ? `${customer.label} (customer ${active.customerId})` : `customer ${active.customerId}`;
    io.out(`${context.userName} (user ${context.userId})\nActing for ${acting} as ${active.roleName}\nAPI: ${protocolLabel(api.protocol)} at ${api.url}\n`);
    io.out(
      table(
        ['CUSTOMER', 'NAME', 'ROLE', 'ACCOUNTS', 'REACHED VIA', 'MANAGES LINKS'],
        context.customers.map((c) => [
          c.customerId + (c.customerId === active.customerId ? ' *' : ''),
          directory.nameOf(c.customerId) ?? '-',
          c.roleName,
          c.accountIds.length ? c.accountIds.join(',') : 'all',
          c.viaCustomerLink ?? 'direct',
          c.canManageLinks ? 'yes' : 'no',
        ]),
      ),
    );
    return EXIT_OK;
  };
};
