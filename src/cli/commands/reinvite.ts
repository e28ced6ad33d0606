/**
 * `msads-links reinvite [ID...] [--all-expired]`: the same invitation again for the named clients'
 * expired, declined or canceled invitations, or for every expired one. Output, --json shape and exit
 * codes are those of the other bulk commands (linkAction.ts); what cannot be re-invited is refused
 * with its reason before anything is sent.
 */
import type { ClientLink } from '../../core/model/clientLink';
import { summarizeBulk } from '../../core/workflow/bulkSummary';
import { sideOf } from '../../core/workflow/customerContext';
import { validateEntityId } from '../../core/workflow/inviteInput';
import { listLinks } from '../../core/workflow/linkDirectory';
import { planReinvite, reinvitableLinks } from '../../core/workflow/reinvite';
import { parseSide } from '../args';
import { EXIT_OK } from '../io';
import { type ItemLine, adviseOnFailures, exitCodeOf, outcomeMessage, printItems, printJson } from '../render';
import { UsageError } from '../usage';
import { type Command, recordInJournal } from './command';

export const reinvite: Command = (args) => {
  parseSide(args.values.side);
  if (args.values.all === true) {
    throw new UsageError('reinvite takes --all-expired (every expired invitation), not --all.');
  }
  const allExpired = args.values['all-expired'] === true;
  const ids = args.operands.map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (validateEntityId(id)) {
      throw new UsageError(`"${id}" is not a client account or customer id (a positive whole number, digits only).`);
    }
  }
  if (ids.length === 0 && !allExpired) {
    throw new UsageError('Name the client ids to invite again, or pass --all-expired.');
  }
  return async ({ io, json, service, active, journal }) => {
    const { links } = await listLinks(service, active, { side: 'agency', signal: io.signal });
    const notFound: string[] = [];
    let targets: ClientLink[];
    if (allExpired && ids.length === 0) {
      targets = reinvitableLinks(links, active, ['LinkExpired']);
      if (targets.length === 0) {
        io.out(json ? '[]' : 'No expired invitations to send again.');
        return EXIT_OK;
      }
    } else {
      targets = allExpired ? reinvitableLinks(links, active, ['LinkExpired']) : [];
      for (const id of ids) {
        const matches = links.filter((l) => l.ClientEntityId === id && sideOf(l, active) === 'agency');
        if (matches.length === 0) {
          notFound.push(id);
        }
        targets.push(...matches);
      }
    }
    const plan = planReinvite(targets, active);
    const outcomes = plan.invitations.length ? await service.addClientLinks(plan.invitations.map((i) => i.payload), { signal: io.signal }) : [];
    await recordInJournal({ io, journal }, (j) => j.recordOutcomes('invite', outcomes.map((o) => ({ link: o.link, succeeded: o.state === 'succeeded' }))));
    const lines: ItemLine[] = [
      ...notFound.map((id) => ({ who: id, name: '', ok: false, message: `no link of yours for client ${id}` })),
      ...plan.refused.map((r) => ({ who: r.link.ClientEntityId ?? '?', name: r.link.ClientEntityName ?? '', ok: false, message: r.reason })),
      ...outcomes.map((o) => {
        const original = plan.invitations[o.index]?.link;
        return { who: o.link.ClientEntityId ?? o.link.ClientEntityNumber ?? '?', name: original?.ClientEntityName ?? o.link.Name ?? '', ok: o.state === 'succeeded', message: o.state === 'succeeded' ? 'invitation sent again' : outcomeMessage(o) };
      }),
    ];
    if (!allExpired) {
      // In the order the ids were named.
      lines.sort((a, b) => ids.indexOf(a.who) - ids.indexOf(b.who));
    }
    if (json) {
      printJson(io, lines.map((l) => ({ ClientEntityId: l.who, ClientEntityName: l.name, ok: l.ok, message: l.message })));
    } else {
      printItems(io, lines, 'invitations sent again', summarizeBulk({ outcomes, cancelled: io.signal?.aborted ?? false }));
    }
    adviseOnFailures(io, outcomes, 'add');
    return exitCodeOf(io, lines.every((l) => l.ok), outcomes);
  };
};
