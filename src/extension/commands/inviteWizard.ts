/**
 * The invitation wizard: one step per field, Back button, validation on every step, nothing sent
 * until the last step. Returns the raw fields; the caller validates them once more as a whole.
 */
import * as vscode from 'vscode';
import type { InviteFields } from '../../core/workflow/inviteInput';
import { parseStartDate, validateNote, validateAccountNumber, validateCustomerNumber, validateEntityId, validateLinkName, MAX_LINK_NAME_LENGTH } from '../../core/workflow/inviteInput';

const BACK = Symbol('back');
type StepResult<T> = T | typeof BACK | undefined;

type Flow = 'next' | 'back' | 'cancel';

interface Step {
  run(fields: InviteFields, index: number, total: number): Promise<Flow>;
  applies?(fields: InviteFields): boolean;
}

function input(options: {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  validate: (v: string) => string | undefined;
  step: number;
  total: number;
}): Promise<StepResult<string>> {
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

function pick<T extends string>(options: { title: string; items: { label: string; description?: string; value: T }[]; step: number; total: number; active?: T }): Promise<StepResult<T>> {
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

const isCustomerLink = (f: InviteFields): boolean => f.type === 'CustomerLink';
const TITLE = 'Invite a client';

const STEPS: Step[] = [
  {
    async run(f, step, total) {
      const v = await pick({
        title: TITLE,
        step,
        total,
        active: (f.type as 'AccountLink' | 'CustomerLink' | undefined) ?? 'AccountLink',
        items: [
          { label: 'Account link', description: 'Manage one ad account of the client', value: 'AccountLink' },
          { label: 'Customer link', description: 'Manage the client customer and all its accounts (Super Admin only)', value: 'CustomerLink' },
        ],
      });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.type = v;
      return 'next';
    },
  },
  {
    async run(f, step, total) {
      const customer = isCustomerLink(f);
      const v = await input({
        title: TITLE,
        step,
        total,
        prompt: customer ? 'Client customer id' : 'Client account id (digits) or account number (8 letters or digits)',
        placeholder: customer ? 'e.g. 250987654' : 'e.g. 180012345 or F120ABCD',
        value: f.accountId ?? f.accountNumber,
        validate: (s) => {
          const t = s.trim();
          if (customer || /^\d+$/.test(t)) {
            return validateEntityId(t, customer ? 'Customer id' : 'Account id');
          }
          return validateAccountNumber(t);
        },
      });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
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
      return 'next';
    },
  },
  {
    applies: isCustomerLink,
    async run(f, step, total) {
      const v = await input({ title: TITLE, step, total, prompt: 'Client customer number (10 letters or digits)', value: f.accountNumber, validate: (s) => validateCustomerNumber(s) });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.accountNumber = v.trim().toUpperCase();
      return 'next';
    },
  },
  {
    applies: (f) => !isCustomerLink(f),
    async run(f, step, total) {
      const v = await input({
        title: TITLE,
        step,
        total,
        prompt: 'Number of the customer that owns the account (10 letters or digits; ask the client). Leave empty if unknown.',
        value: f.clientCustomerNumber,
        validate: (s) => (s.trim() ? validateCustomerNumber(s, 'Client customer number') : undefined),
      });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.clientCustomerNumber = v.trim() || undefined;
      return 'next';
    },
  },
  {
    async run(f, step, total) {
      const v = await input({ title: TITLE, step, total, prompt: `Link name shown to both sides (optional, at most ${MAX_LINK_NAME_LENGTH} characters)`, value: f.name, validate: (s) => validateLinkName(s.trim()) });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.name = v.trim() || undefined;
      return 'next';
    },
  },
  {
    async run(f, step, total) {
      const v = await input({ title: TITLE, step, total, prompt: 'Note to the client (optional)', value: f.note, validate: (s) => validateNote(s.trim()) });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.note = v.trim() || undefined;
      return 'next';
    },
  },
  {
    applies: (f) => !isCustomerLink(f),
    async run(f, step, total) {
      const v = await pick({
        title: TITLE,
        step,
        total,
        active: f.billToClient === false ? 'no' : 'yes',
        items: [
          { label: 'The client pays', description: 'Bill to client', value: 'yes' },
          { label: 'The agency pays', description: 'Bill to agency', value: 'no' },
        ],
      });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.billToClient = v === 'yes';
      return 'next';
    },
  },
  {
    async run(f, step, total) {
      const v = await input({
        title: TITLE,
        step,
        total,
        prompt: 'Start date, UTC (optional: empty = as soon as the client accepts)',
        placeholder: 'YYYY-MM-DD',
        value: f.startDate,
        validate: (s) => {
          if (!s.trim()) {
            return undefined;
          }
          const r = parseStartDate(s);
          return 'error' in r ? r.error : undefined;
        },
      });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.startDate = v.trim() || undefined;
      return 'next';
    },
  },
  {
    async run(f, step, total) {
      const v = await pick({
        title: TITLE,
        step,
        total,
        active: f.suppressNotification === true ? 'yes' : 'no',
        items: [
          { label: 'Email the client', description: 'The client account\'s primary user gets the invitation by email', value: 'no' },
          { label: 'Do not email the client', description: 'Suppress the notification', value: 'yes' },
        ],
      });
      if (v === BACK || v === undefined) {
        return v === BACK ? 'back' : 'cancel';
      }
      f.suppressNotification = v === 'yes';
      return 'next';
    },
  },
];

/** Runs the wizard; undefined when the user cancels. */
export async function runInviteWizard(initial: InviteFields = {}): Promise<InviteFields | undefined> {
  const fields: InviteFields = { ...initial };
  const visited: number[] = [];
  let i = 0;
  while (i < STEPS.length) {
    const step = STEPS[i] as Step;
    if (step.applies && !step.applies(fields)) {
      i++;
      continue;
    }
    const applicable = STEPS.filter((s) => !s.applies || s.applies(fields));
    const flow = await step.run(fields, applicable.indexOf(step) + 1, applicable.length);
    if (flow === 'cancel') {
      return undefined;
    }
    if (flow === 'back') {
      i = visited.pop() ?? 0;
      continue;
    }
    visited.push(i);
    i++;
  }
  return fields;
}
