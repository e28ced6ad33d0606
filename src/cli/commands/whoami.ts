/** `msads-links whoami`: the signed-in user, the customers they reach, and the API in use. */
import { protocolLabel } from '../../core/protocol';
import { parseSide } from '../args';
import { table } from '../format';
import { EXIT_OK } from '../io';
import { printJson } from '../render';
import type { Command } from './command';

export const whoami: Command = (args) => {
  parseSide(args.values.side);
  return ({ io, json, context, active, service, connection }) => {
    const api = { protocol: service.protocol ?? connection.protocol, url: service.url ?? connection.endpoint };
    if (json) {
      printJson(io, { userId: context.userId, userName: context.userName, homeCustomerId: context.homeCustomerId, activeCustomerId: active.customerId, customers: context.customers, protocol: api.protocol, endpoint: api.url });
      return Promise.resolve(EXIT_OK);
    }
    io.out(`${context.userName} (user ${context.userId})\nActing for customer ${active.customerId} as ${active.roleName}\nAPI: ${protocolLabel(api.protocol)} at ${api.url}\n`);
    io.out(
      table(
        ['CUSTOMER', 'ROLE', 'ACCOUNTS', 'REACHED VIA', 'MANAGES LINKS'],
        context.customers.map((c) => [c.customerId + (c.customerId === active.customerId ? ' *' : ''), c.roleName, c.accountIds.length ? c.accountIds.join(',') : 'all', c.viaCustomerLink ?? 'direct', c.canManageLinks ? 'yes' : 'no']),
      ),
    );
    return Promise.resolve(EXIT_OK);
  };
};
