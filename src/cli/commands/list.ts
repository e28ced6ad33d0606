/** `msads-links list`: the client links of the active customer, optionally of some statuses or one side. */
import { type ClientLinkStatus, isClientLinkStatus } from '../../core/model/clientLink';
import { listLinks } from '../../core/workflow/linkDirectory';
import { parseSide } from '../args';
import { linksTable, sortLinks } from '../format';
import { EXIT_OK } from '../io';
import { printJson } from '../render';
import { UsageError } from '../usage';
import type { Command } from './command';

function parseStatuses(value: string | undefined): ClientLinkStatus[] | undefined {
  if (!value) {
    return undefined;
  }
  const requested = value.split(',').map((s) => s.trim());
  const bad = requested.filter((s) => !isClientLinkStatus(s));
  if (bad.length) {
    throw new UsageError(`Unknown status ${bad.join(', ')}. Use v13 names such as LinkPending, Active, Inactive.`);
  }
  return requested.filter(isClientLinkStatus);
}

export const list: Command = (args) => {
  const statuses = parseStatuses(args.values.status);
  const side = parseSide(args.values.side) ?? 'all';
  return async ({ io, json, service, active }) => {
    const dir = await listLinks(service, active, { side, signal: io.signal });
    const links = statuses ? dir.links.filter((l) => l.Status && statuses.includes(l.Status)) : dir.links;
    if (json) {
      printJson(io, sortLinks(links));
    } else {
      io.out(links.length ? linksTable(links, active.customerId) : 'No client links.');
    }
    return EXIT_OK;
  };
};
