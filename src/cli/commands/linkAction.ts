/**
 * `msads-links accept|decline|cancel|unlink [ID...] [--all]`: a lifecycle action on the links of the
 * named clients, or on every link it applies to. What the lifecycle or the role does not allow is
 * refused with its reason before anything is sent.
 */
import type { ClientLink } from '../../core/model/clientLink';
import { ACTIONS, type LinkAction } from '../../core/model/lifecycle';
import { sideOf } from '../../core/workflow/customerContext';
import { validateEntityId } from '../../core/workflow/inviteInput';
import { summarizeBulk } from '../../core/workflow/bulkSummary';
import { linksForAction, planUpdate, type RefusedUpdate } from '../../core/workflow/linkActions';
import { listLinks } from '../../core/workflow/linkDirectory';
import { parseSide } from '../args';
import { EXIT_OK } from '../io';
import { type ItemLine, adviseOnFailures, exitCodeOf, outcomeMessage, printItems, printJson } from '../render';
import { UsageError } from '../usage';
import { type Command, recordInJournal } from './command';

export function linkAction(action: LinkAction): Command {
  const def = ACTIONS[action];
  return (args) => {
    parseSide(args.values.side);
    const all = args.values.all === true;
    const ids = args.operands.map((s) => s.trim()).filter(Boolean);
    for (const id of ids) {
      if (validateEntityId(id)) {
        throw new UsageError(`"${id}" is not a client account or customer id (a positive whole number, digits only).`);
      }
    }
    return async ({ io, json, service, active, env, journal }) => {
      // The client side acts on MSADS_ACCOUNT_ID when no id is named.
      const named = def.side === 'client' && ids.length === 0 && !all && env.MSADS_ACCOUNT_ID ? [env.MSADS_ACCOUNT_ID] : ids;
      if (named.length === 0 && !all) {
        throw new UsageError(`Name the client ids to ${def.title.toLowerCase()}, or pass --all.`);
      }
      const { links } = await listLinks(service, active, { side: def.side, signal: io.signal });
      // One side only: a listing that says nothing about the links it does not show.
      await recordInJournal({ io, journal }, (j) => j.observe(links, { complete: false }));
      const notFound: string[] = [];
      let targets: ClientLink[];
      if (all) {
        targets = linksForAction(action, links, active);
        if (targets.length === 0) {
          io.out(json ? '[]' : `No links to ${def.title.toLowerCase()}.`);
          return EXIT_OK;
        }
      } else {
        targets = [];
        for (const id of named) {
          const matches = links.filter((l) => l.ClientEntityId === id && sideOf(l, active) === def.side);
          if (matches.length === 0) {
            notFound.push(id);
          }
          targets.push(...matches);
        }
      }
      const plan = planUpdate(action, targets, active);
      const outcomes = plan.updates.length ? await service.updateClientLinks(plan.updates.map((u) => u.payload), { signal: io.signal }) : [];
      // Ids named that match no link are refused like links the action does not apply to.
      const refused: RefusedUpdate[] = [
        ...notFound.map((id) => ({ link: { ClientEntityId: id }, reason: `no ${def.side === 'client' ? 'invitation to you' : 'link of yours'} for client ${id}` })),
        ...plan.refused,
      ];
      await recordInJournal({ io, journal }, (j) => j.recordOutcomes(action, outcomes.map((o) => ({ link: plan.updates[o.index]?.link ?? o.link, succeeded: o.state === 'succeeded' }))));
      const lines: ItemLine[] = [
        ...refused.map((r) => ({ who: r.link.ClientEntityId ?? '?', name: r.link.ClientEntityName ?? '', ok: false, message: r.reason })),
        ...outcomes.map((o) => ({ who: o.link.ClientEntityId ?? '?', name: o.link.ClientEntityName ?? '', ok: o.state === 'succeeded', message: o.state === 'succeeded' ? def.done : outcomeMessage(o) })),
      ];
      if (!all) {
        // In the order the ids were named.
        lines.sort((a, b) => named.indexOf(a.who) - named.indexOf(b.who));
      }
      if (json) {
        printJson(io, lines.map((l) => ({ ClientEntityId: l.who, ClientEntityName: l.name, ok: l.ok, message: l.message })));
      } else {
        printItems(io, lines, def.done, summarizeBulk({ outcomes, refused, cancelled: io.signal?.aborted ?? false }));
      }
      adviseOnFailures(io, outcomes, 'update');
      return exitCodeOf(io, lines.every((l) => l.ok), outcomes);
    };
  };
}
