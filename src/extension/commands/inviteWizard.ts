/**
 * The invitation wizard: one step per field, Back button, validation on every step, then a review
 * of every choice where any can be changed; nothing is sent before Send. Escape once something was
 * typed asks before discarding it. Returns the raw fields; the caller validates them once more.
 */
import * as vscode from 'vscode';
import { CLIENT_LINK_TYPES, type ClientLinkType } from '../../core/model/clientLink';
import type { InviteFields } from '../../core/workflow/inviteInput';
import { parseStartDate, validateClientIdOrNumber, validateNote, validateCustomerNumber, validateLinkName, MAX_LINK_NAME_LENGTH } from '../../core/workflow/inviteInput';

const BACK = Symbol('back');
type StepResult<T> = T | typeof BACK | undefined;

type Flow = 'next' | 'back' | 'cancel';

/** Where a prompt stands in the wizard: its title, and step N of `total`. */
interface StepPosition {
  title: string;
  step: number;
  total: number;
}

interface Step {
  /** What the step asks, for the review. */
  label: string;
  /** The step that asks for the client (the review's Send row names it). */
  asksClient?: true;
  /** The answer as the review shows it. */
  shown(fields: InviteFields): string;
  run(fields: InviteFields, at: StepPosition & { offered: readonly ClientLinkType[] }): Promise<Flow>;
  /** `offered`: the link types the user's role may invite. */
  applies?(fields: InviteFields, offered: readonly ClientLinkType[]): boolean;
}

function input(options: StepPosition & { prompt: string; value?: string; placeholder?: string; validate: (v: string) => string | undefined }): Promise<StepResult<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.step = options.step;
    box.totalSteps = options.total;
    box.ignoreFocusOut = true;
    box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    let done = false;
    const finish = (v: StepResult<string>): void => {
      if (!done) {
        done = true;
        resolve(v);
        box.dispose();
      }
    };
    box.onDidTriggerButton(() => finish(BACK));
    box.onDidChangeValue((v) => {
      box.validationMessage = v ? options.validate(v) : undefined;
    });
    box.onDidAccept(() => {
      const problem = options.validate(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

function pick<T extends string>(options: StepPosition & { items: { label: string; description?: string; value: T }[]; active?: T }): Promise<StepResult<T>> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<{ label: string; description?: string; value: T }>();
    qp.title = options.title;
    qp.items = options.items;
    qp.step = options.step;
    qp.totalSteps = options.total;
    qp.ignoreFocusOut = true;
    qp.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const activeItem = options.items.find((i) => i.value === options.active);
    if (activeItem) {
      qp.activeItems = [activeItem];
    }
    let done = false;
    const finish = (v: StepResult<T>): void => {
      if (!done) {
        done = true;
        resolve(v);
        qp.dispose();
      }
    };
    qp.onDidTriggerButton(() => finish(BACK));
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.value));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

/** Waits for one prompt and stores its answer: Back and Escape become the wizard's flow. */
async function answer<T>(asked: Promise<StepResult<T>>, store: (value: T) => void): Promise<Flow> {
  const v = await asked;
  if (v === BACK) {
    return 'back';
  }
  if (v === undefined) {
    return 'cancel';
  }
  store(v);
  return 'next';
}

const isCustomerLink = (f: InviteFields): boolean => f.type === 'CustomerLink';

function linkTypeItems(): { label: string; description: string; value: 'AccountLink' | 'CustomerLink' }[] {
  return [
    { label: vscode.l10n.t('Account link'), description: vscode.l10n.t('Manage one ad account of the client'), value: 'AccountLink' },
    { label: vscode.l10n.t('Customer link'), description: vscode.l10n.t('Manage the client customer and all its accounts'), value: 'CustomerLink' },
  ];
}

/** The wizard's steps, in VS Code's display language (built when the wizard starts, not when the module loads). */
function inviteSteps(): Step[] {
  return [
  {
    // Only when the role may invite more than one link type: a type it cannot manage is never offered.
    applies: (_f, offered) => offered.length > 1,
    label: vscode.l10n.t('Link type'),
    shown: (f) => (isCustomerLink(f) ? vscode.l10n.t('Customer link') : vscode.l10n.t('Account link')),
    run(f, at) {
      return answer(pick({
        ...at,
        active: (f.type as 'AccountLink' | 'CustomerLink' | undefined) ?? 'AccountLink',
        items: linkTypeItems().filter((item) => at.offered.includes(item.value)),
      }), (v) => {
        f.type = v;
      });
    },
  },
  {
    label: vscode.l10n.t('Client'),
    asksClient: true,
    shown: (f) => (isCustomerLink(f) ? vscode.l10n.t('customer {0}', f.accountId ?? '') : f.accountId ? vscode.l10n.t('account id {0}', f.accountId) : vscode.l10n.t('account number {0}', f.accountNumber ?? '')),
    run(f, at) {
      const customer = isCustomerLink(f);
      return answer(input({
        ...at,
        prompt: customer ? vscode.l10n.t('Client customer id') : vscode.l10n.t('Client account id (digits) or account number (8 letters or digits)'),
        placeholder: customer ? vscode.l10n.t('e.g. {0}', '250987654') : vscode.l10n.t('e.g. {0} or {1}', '180012345', 'F120ABCD'),
        value: f.accountId ?? f.accountNumber,
        validate: (s) => validateClientIdOrNumber(s, customer),
      }), (v) => {
        const t = v.trim();
        if (customer || /^\d+$/.test(t)) {
          f.accountId = t;
          if (!customer) {
            f.accountNumber = undefined;
          }
        } else {
          f.accountNumber = t.toUpperCase();
          f.accountId = undefined;
        }
      });
    },
  },
  {
    applies: isCustomerLink,
    label: vscode.l10n.t('Client customer number'),
    shown: (f) => f.accountNumber ?? '',
    run(f, at) {
      return answer(input({ ...at, prompt: vscode.l10n.t('Client customer number (10 letters or digits)'), value: f.accountNumber, validate: (s) => validateCustomerNumber(s) }), (v) => {
        f.accountNumber = v.trim().toUpperCase();
      });
    },
  },
  {
    applies: (f) => !isCustomerLink(f),
    label: vscode.l10n.t('Owning customer number'),
    shown: (f) => f.clientCustomerNumber ?? vscode.l10n.t('not given'),
    run(f, at) {
      return answer(input({
        ...at,
        prompt: vscode.l10n.t('Number of the customer that owns the account (10 letters or digits; ask the client). Leave empty if unknown.'),
        value: f.clientCustomerNumber,
        validate: (s) => (s.trim() ? validateCustomerNumber(s, 'clientCustomerNumber') : undefined),
      }), (v) => {
        f.clientCustomerNumber = v.trim() || undefined;
      });
    },
  },
  {
    label: vscode.l10n.t('Link name'),
    shown: (f) => f.name ?? vscode.l10n.t("none (the service uses the client's name)"),
    run(f, at) {
      return answer(input({ ...at, prompt: vscode.l10n.t('Link name shown to both sides (optional, at most {0} characters)', MAX_LINK_NAME_LENGTH), value: f.name, validate: (s) => validateLinkName(s.trim()) }), (v) => {
        f.name = v.trim() || undefined;
      });
    },
  },
  {
    label: vscode.l10n.t('Note'),
    shown: (f) => f.note ?? vscode.l10n.t('none'),
    run(f, at) {
      return answer(input({ ...at, prompt: vscode.l10n.t('Note to the client (optional)'), value: f.note, validate: (s) => validateNote(s.trim()) }), (v) => {
        f.note = v.trim() || undefined;
      });
    },
  },
  {
    applies: (f) => !isCustomerLink(f),
    label: vscode.l10n.t('Who pays'),
    shown: (f) => (f.billToClient === false ? vscode.l10n.t('The agency pays') : vscode.l10n.t('The client pays')),
    run(f, at) {
      return answer(pick({
        ...at,
        active: f.billToClient === false ? 'no' : 'yes',
        items: [
          { label: vscode.l10n.t('The client pays'), description: vscode.l10n.t('Bill to client'), value: 'yes' },
          { label: vscode.l10n.t('The agency pays'), description: vscode.l10n.t('Bill to agency'), value: 'no' },
        ],
      }), (v) => {
        f.billToClient = v === 'yes';
      });
    },
  },
  {
    label: vscode.l10n.t('Start date (UTC)'),
    shown: (f) => f.startDate ?? vscode.l10n.t('as soon as the client accepts'),
    run(f, at) {
      return answer(input({
        ...at,
        prompt: vscode.l10n.t('Start date, UTC (optional: empty = as soon as the client accepts)'),
        placeholder: vscode.l10n.t({ message: 'YYYY-MM-DD', comment: ['the date format the field reads: year-month-day, keep the order'] }),
        value: f.startDate,
        validate: (s) => {
          if (!s.trim()) {
            return undefined;
          }
          const r = parseStartDate(s);
          return 'error' in r ? r.error : undefined;
        },
      }), (v) => {
        f.startDate = v.trim() || undefined;
      });
    },
  },
  {
    label: vscode.l10n.t('Email to the client'),
    shown: (f) => (f.suppressNotification === true ? vscode.l10n.t('Not sent') : vscode.l10n.t('Sent')),
    run(f, at) {
      return answer(pick({
        ...at,
        active: f.suppressNotification === true ? 'yes' : 'no',
        items: [
          { label: vscode.l10n.t('Email the client'), description: vscode.l10n.t("The client account's primary user gets the invitation by email"), value: 'no' },
          { label: vscode.l10n.t('Do not email the client'), description: vscode.l10n.t('Suppress the notification'), value: 'yes' },
        ],
      }), (v) => {
        f.suppressNotification = v === 'yes';
      });
    },
  },
  ];
}

type ReviewChoice = { send: true } | { change: number } | typeof BACK | undefined;

/** The last step: every choice, Send, or pick one to change it. */
function review(fields: InviteFields, steps: readonly { step: Step; index: number }[], at: StepPosition): Promise<ReviewChoice> {
  type Item = vscode.QuickPickItem & { choice?: ReviewChoice };
  const client = steps.find((s) => s.step.asksClient)?.step.shown(fields) ?? '';
  const items: Item[] = [
    { label: `$(send) ${vscode.l10n.t('Send the invitation')}`, description: client, choice: { send: true } },
    { label: vscode.l10n.t('Select a line to change it'), kind: vscode.QuickPickItemKind.Separator },
    ...steps.map(({ step, index }) => ({ label: step.label, description: step.shown(fields), choice: { change: index } })),
  ];
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = vscode.l10n.t({ message: '{0}: review before sending', args: [at.title], comment: ['{0} is the wizard title, Invite a client'] });
    qp.placeholder = vscode.l10n.t('Send, or select a choice to change it');
    qp.items = items;
    qp.step = at.step;
    qp.totalSteps = at.total;
    qp.ignoreFocusOut = true;
    qp.buttons = [vscode.QuickInputButtons.Back];
    let done = false;
    const finish = (v: ReviewChoice): void => {
      if (!done) {
        done = true;
        resolve(v);
        qp.dispose();
      }
    };
    qp.onDidTriggerButton(() => finish(BACK));
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.choice));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

/** Whether the user typed something the wizard would lose on Escape. */
function typedSomething(f: InviteFields): boolean {
  return Boolean(f.accountId || f.accountNumber || f.clientCustomerNumber || f.name || f.note || f.startDate);
}

/** Escape after something was typed: discard it only when the user says so. */
async function confirmDiscard(fields: InviteFields): Promise<boolean> {
  const client = fields.accountId ?? fields.accountNumber;
  const discard = vscode.l10n.t('Discard');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Discard this invitation?'),
    {
      modal: true,
      detail: client
        ? vscode.l10n.t({ message: 'Nothing was sent to {0}, and what you entered is not kept. Choose Cancel to go on editing.', args: [client], comment: ['{0} is the client id or number typed'] })
        : vscode.l10n.t('Nothing was sent, and what you entered is not kept. Choose Cancel to go on editing.'),
    },
    discard,
  );
  return answer === discard;
}

/**
 * Runs the wizard; undefined when the user cancels. `offered`: the link types the user's role may
 * invite (invitableLinkTypes); with only one, the type step is skipped and that type is used.
 * After the last step comes the review: Send, Back, or a choice to change (then back to the review,
 * through the steps that follow only when the link type changed).
 */
export async function runInviteWizard(initial: InviteFields = {}, offered: readonly ClientLinkType[] = CLIENT_LINK_TYPES): Promise<InviteFields | undefined> {
  const fields: InviteFields = { ...initial };
  const STEPS = inviteSteps();
  const TITLE = vscode.l10n.t('Invite a client');
  if (offered.length === 1) {
    fields.type = offered[0];
  }
  const visited: number[] = [];
  const applies = (step: Step): boolean => !step.applies || step.applies(fields, offered);
  /** Changing one choice from the review: go back to the review after it. */
  let changing = false;
  let i = 0;
  for (;;) {
    const applicable = STEPS.map((step, index) => ({ step, index })).filter(({ step }) => applies(step));
    const total = applicable.length + 1;
    if (i >= STEPS.length) {
      const choice = await review(fields, applicable, { title: TITLE, step: total, total });
      if (choice === undefined) {
        if (await confirmDiscard(fields)) {
          return undefined;
        }
        continue;
      }
      if (choice === BACK) {
        i = visited.pop() ?? 0;
        continue;
      }
      if ('send' in choice) {
        return fields;
      }
      changing = true;
      i = choice.change;
      continue;
    }
    const step = STEPS[i] as Step;
    if (!applies(step)) {
      i++;
      continue;
    }
    const flow = await step.run(fields, { title: TITLE, step: applicable.findIndex((a) => a.step === step) + 1, total, offered });
    if (flow === 'cancel') {
      if (!typedSomething(fields) || (await confirmDiscard(fields))) {
        return undefined;
      }
      continue; // show the same step again
    }
    if (flow === 'back') {
      i = changing ? STEPS.length : (visited.pop() ?? 0);
      changing = false;
      continue;
    }
    // A new link type changes which steps apply: go through them; any other change returns to the review.
    if (changing && step !== STEPS[0]) {
      changing = false;
      i = STEPS.length;
      continue;
    }
    changing = false;
    visited.push(i);
    i++;
  }
}
