/**
 * `msads-links plan FILE` and `msads-links apply FILE`: desired-state sync
 * (core/workflow/desiredState.ts). `plan` prints what would be sent and changes nothing; `apply`
 * prints the same plan, asks for confirmation (or takes --yes; without a terminal and without
 * --yes it refuses, exit 2, nothing sent) and sends it with one outcome per item.
 */
import { ValidationError } from '../../core/errors';
import type { LinkOutcome } from '../../core/service/types';
import { ACTIONS } from '../../core/model/lifecycle';
import { type PlannedRemoval, type SyncPlan, parseDesiredCsv, planClientLabel, planIsEmpty, planSync } from '../../core/workflow/desiredState';
import { planUpdate } from '../../core/workflow/linkActions';
import { summarizeBulk } from '../../core/workflow/bulkSummary';
import { listLinks } from '../../core/workflow/linkDirectory';
import { findingJson, skippedText } from '../findings';
import { EXIT_OK } from '../io';
import { type ItemLine, adviseOnFailures, exitCodeOf, outcomeMessage, printItems, printJson } from '../render';
import { UsageError } from '../usage';
import { type Command, type CommandRun, recordInJournal } from './command';
import { readCsv } from './invite';

/** `plan` (print only) or `apply` (print, confirm, send). */
export function syncCommand(mode: 'plan' | 'apply'): Command {
  return (args) => {
    const [file, ...extra] = args.operands;
    if (!file || extra.length) {
      throw new UsageError(`Name one desired-state CSV file: msads-links ${mode} FILE.`);
    }
    const parsed = parseDesiredCsv(readCsv(file));
    if (!parsed.ok) {
      throw new ValidationError(`${file}: nothing was sent, fix these first:`, parsed.problems);
    }
    const yes = args.values.yes === true;
    const prune = args.values.prune === true;
    return async (run) => {
      const { io, json, service, active } = run;
      if (mode === 'apply' && !yes && !io.confirm) {
        throw new UsageError('apply changes links and asks for confirmation, but there is no terminal to ask on. Run msads-links plan FILE to see what it would send, then apply FILE --yes to send it. Nothing was sent.');
      }
      const { links } = await listLinks(service, active, { side: 'agency', signal: io.signal });
      const plan = planSync(parsed.rows, links, active, { pruneUnlisted: prune });
      if (mode === 'plan' || (json && planIsEmpty(plan))) {
        if (json) {
          printJson(io, planJson(plan));
        } else {
          printPlan(io.out, plan, file);
        }
        return EXIT_OK;
      }
      if (!json) {
        printPlan(io.out, plan, file);
      }
      if (planIsEmpty(plan)) {
        return EXIT_OK;
      }
      if (!yes && !(await io.confirm?.(`Send these ${changeCount(plan)}? [y/N] `))) {
        io.err('Nothing was sent.');
        return EXIT_OK;
      }
      return applyPlan(run, plan);
    };
  };
}

function changeCount(plan: SyncPlan): string {
  const n = plan.invites.length + plan.cancels.length + plan.unlinks.length;
  return n === 1 ? '1 change' : `${n} changes`;
}

/** The plan as a person reads it: one line per item, then the counts and how to send it. */
function printPlan(out: (t: string) => void, plan: SyncPlan, file: string): void {
  const label = (item: { link?: Parameters<typeof planClientLabel>[0]['link']; invite?: Parameters<typeof planClientLabel>[0]['invite'] }): string => {
    const l = planClientLabel(item);
    return `${l.id}  ${l.name}`.trimEnd();
  };
  const where = (row: number | undefined): string => (row === undefined ? 'not in file' : `row ${row}`);
  const because = (r: PlannedRemoval): string => (r.cause === 'unlisted' ? 'not in the file (--prune)' : 'marked unlinked');
  for (const i of plan.invites) {
    out(`invite    ${where(i.row)}  ${label(i)}`);
  }
  for (const r of [...plan.cancels, ...plan.unlinks]) {
    out(`${r.action === 'cancel' ? 'cancel  ' : 'unlink  '}  ${where(r.row)}  ${label(r)}  (${because(r)})`);
  }
  for (const s of plan.skipped) {
    out(`skip      ${where(s.row)}  ${label(s)}  ${skippedText(s)}`);
  }
  const counts = [
    `${plan.invites.length} invitation${plan.invites.length === 1 ? '' : 's'} to send`,
    `${plan.cancels.length} invitation${plan.cancels.length === 1 ? '' : 's'} to cancel`,
    `${plan.unlinks.length} unlink request${plan.unlinks.length === 1 ? '' : 's'}`,
    `${plan.unchanged.length} already as the file says`,
    ...(plan.skipped.length ? [`${plan.skipped.length} left out`] : []),
  ];
  out(`Plan for ${file}: ${counts.join(', ')}.`);
  if (planIsEmpty(plan)) {
    out('Nothing to send: your links already match the file.');
  }
}

function planJson(plan: SyncPlan): Record<string, unknown> {
  const client = (item: Parameters<typeof planClientLabel>[0]): Record<string, unknown> => {
    const l = planClientLabel(item);
    return { Type: l.type, ClientEntityId: l.id, Name: l.name };
  };
  return {
    invites: plan.invites.map((i) => ({ row: i.row, ...client(i), IsBillToClient: i.link.IsBillToClient, StartDate: i.link.StartDate })),
    cancels: plan.cancels.map((r) => ({ row: r.row, cause: r.cause, ...client(r), Status: r.link.Status })),
    unlinks: plan.unlinks.map((r) => ({ row: r.row, cause: r.cause, ...client(r), Status: r.link.Status })),
    unchanged: plan.unchanged.map((u) => ({ row: u.row, desired: u.desired, ...client(u), Status: u.link?.Status ?? null })),
    skipped: plan.skipped.map((s) => ({ row: s.row, ...client(s), ...(s.finding ? { finding: findingJson(s.finding) } : {}), ...(s.refusal ? { refusal: s.refusal } : {}) })),
  };
}

/** Sends the plan: invitations, then cancellations, then unlink requests; one line per item. */
async function applyPlan({ io, json, service, active, journal }: CommandRun, plan: SyncPlan): Promise<number> {
  const lines: (ItemLine & { action: string; row?: number; client: string })[] = [];
  const outcomes: LinkOutcome[] = [];
  if (plan.invites.length) {
    const sent = await service.addClientLinks(plan.invites.map((i) => i.link), { signal: io.signal });
    await recordInJournal({ io, journal }, (j) => j.recordOutcomes('invite', sent.map((o) => ({ link: o.link, succeeded: o.state === 'succeeded' }))));
    outcomes.push(...sent);
    for (const o of sent) {
      const item = plan.invites[o.index];
      lines.push({ action: 'invite', row: item?.row, client: o.link.ClientEntityId ?? o.link.ClientEntityNumber ?? '?', ok: o.state === 'succeeded', who: `invite  row ${item?.row ?? '?'}  ${o.link.ClientEntityId ?? o.link.ClientEntityNumber ?? '?'}`, name: o.link.Name ?? '', message: o.state === 'succeeded' ? 'invitation sent' : outcomeMessage(o) });
    }
  }
  const updateOutcomes: LinkOutcome[] = [];
  for (const removals of [plan.cancels, plan.unlinks]) {
    const first = removals[0];
    if (!first) {
      continue;
    }
    const def = ACTIONS[first.action];
    const update = planUpdate(first.action, removals.map((r) => r.link), active);
    for (const r of update.refused) {
      lines.push({ action: first.action, client: r.link.ClientEntityId ?? '?', ok: false, who: `${first.action}  ${r.link.ClientEntityId ?? '?'}`, name: r.link.ClientEntityName ?? '', message: r.reason });
    }
    const sent = update.updates.length ? await service.updateClientLinks(update.updates.map((u) => u.payload), { signal: io.signal }) : [];
    await recordInJournal({ io, journal }, (j) => j.recordOutcomes(first.action, sent.map((o) => ({ link: update.updates[o.index]?.link ?? o.link, succeeded: o.state === 'succeeded' }))));
    updateOutcomes.push(...sent);
    for (const o of sent) {
      const removal = removals.find((r) => r.link === update.updates[o.index]?.link);
      const where = removal?.row === undefined ? 'not in file' : `row ${removal.row}`;
      lines.push({ action: first.action, row: removal?.row, client: o.link.ClientEntityId ?? '?', ok: o.state === 'succeeded', who: `${first.action}  ${where}  ${o.link.ClientEntityId ?? '?'}`, name: o.link.ClientEntityName ?? '', message: o.state === 'succeeded' ? def.done : outcomeMessage(o) });
    }
  }
  outcomes.push(...updateOutcomes);
  if (json) {
    printJson(io, lines.map((l) => ({ action: l.action, row: l.row, client: l.client, name: l.name, ok: l.ok, message: l.message })));
  } else {
    printItems(io, lines, 'changes done', summarizeBulk({ outcomes, cancelled: io.signal?.aborted ?? false }));
  }
  adviseOnFailures(io, outcomes.filter((o) => !updateOutcomes.includes(o)), 'add');
  adviseOnFailures(io, updateOutcomes, 'update');
  return exitCodeOf(io, lines.every((l) => l.ok), outcomes);
}
