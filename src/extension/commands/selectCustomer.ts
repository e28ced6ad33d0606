/**
 * Select Customer: act for another of the user's customers. Customers are offered by name (number,
 * id and role after it), in sections: the user's own, those reached through a customer link, and
 * those whose links could not be listed in this session (with why; picking one changes nothing).
 * The new customer's links are listed before it becomes active: on failure the previous customer
 * stays, the setting is not written, and the message says what happened and for whom the user acts.
 */
import * as vscode from 'vscode';
import { isErrorKind, userMessage } from '../../core/errors';
import { customerPickerEntries, type CustomerPickerEntry } from '../../core/workflow/customerDirectory';
import { EXTENSION_ADVICE } from '../adviceText';
import { reportError } from '../notifications';
import { updateSetting } from '../settings';
import { VIEW_ID } from '../tree/linksTreeProvider';
import type { CommandContext } from './commandContext';

interface CustomerItem extends vscode.QuickPickItem {
  entry?: CustomerPickerEntry;
}

/** The title of each section of the picker. */
function sectionTitle(section: CustomerPickerEntry['section']): string {
  switch (section) {
    case 'own':
      return vscode.l10n.t('Your customers');
    case 'viaLink':
      return vscode.l10n.t('Reached through a customer link');
    case 'unusable':
      return vscode.l10n.t('Cannot be used');
  }
}

/** The picker's rows: a separator before each section, then its customers. */
function pickerItems(entries: readonly CustomerPickerEntry[]): CustomerItem[] {
  const items: CustomerItem[] = [];
  let section: CustomerPickerEntry['section'] | undefined;
  for (const entry of entries) {
    if (entry.section !== section) {
      section = entry.section;
      items.push({ label: sectionTitle(section), kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({
      label: `${entry.section === 'unusable' ? '$(circle-slash) ' : entry.active ? '$(check) ' : ''}${entry.label}`,
      description: entry.description,
      detail: entry.detail,
      picked: entry.active,
      entry,
    });
  }
  return items;
}

/** Returns true when the customer changed, false when nothing did. */
export function registerSelectCustomerCommand(c: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('clientLinks.selectCustomer', async (customerId?: unknown): Promise<boolean> => {
    try {
      const context = await c.store.loadUser();
      // Names for the picker: loaded once per session (again here after a failure); numbers when none come.
      await c.store.loadCustomerNames({ retry: true });
      const names = c.store.customers;
      const previous = c.store.active;
      const entries = customerPickerEntries(context, names, c.store.refusedCustomers, previous?.customerId);
      let chosen = typeof customerId === 'string' ? entries.find((e) => e.customerId === customerId) : undefined;
      if (typeof customerId === 'string' && !chosen) {
        void vscode.window.showErrorMessage(vscode.l10n.t({ message: 'You have no role on customer {0}. Pick one of: {1}.', args: [customerId, entries.map((e) => `${e.label} (${e.customerId})`).join(', ')], comment: ['{0} is a customer id, {1} a list of customers with their ids'] }));
        return false;
      }
      if (!chosen) {
        const placeHolder = previous ? vscode.l10n.t('Now acting for {0}', names.describe(previous.customerId).label) : vscode.l10n.t('Now acting for no customer');
        const pick = await vscode.window.showQuickPick(pickerItems(entries), { title: vscode.l10n.t('Act for which customer?'), placeHolder, matchOnDescription: true });
        chosen = pick?.entry;
      }
      if (!chosen) {
        return false;
      }
      const stillActing = previous ? ` ${vscode.l10n.t('You still act for {0}.', names.describe(previous.customerId).label)}` : '';
      const refusal = c.store.refusedCustomers.get(chosen.customerId);
      if (refusal && typeof customerId !== 'string') {
        void vscode.window.showWarningMessage(
          vscode.l10n.t({ message: '{0} cannot be used: its client links could not be listed ({1}).', args: [chosen.label, userMessage(refusal, EXTENSION_ADVICE)], comment: ['{0} is a customer, {1} why its links could not be listed'] }) + stillActing,
        );
        return false;
      }
      if (chosen.customerId === previous?.customerId) {
        return false;
      }
      try {
        await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: vscode.l10n.t('Loading the links of {0}', chosen.label) }, () => c.store.selectCustomer(chosen.customerId));
      } catch (e) {
        // The previous customer stays active and the setting keeps it: nothing is saved for a customer that cannot be used.
        if (isErrorKind(e, 'cancelled')) {
          return false;
        }
        c.logger.failure(`Acting for ${chosen.label} (${chosen.customerId})`, e);
        const message = c.logger.redactor.redact(vscode.l10n.t({ message: 'Could not act for {0}: {1}', args: [chosen.label, userMessage(e, EXTENSION_ADVICE)], comment: ['{0} is a customer, {1} what went wrong and what to do'] }) + stillActing);
        void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Log')).then((choice) => {
          if (choice) {
            c.logger.show();
          }
        });
        return false;
      }
      await updateSetting('customerId', chosen.customerId);
      c.logger.info(`Acting for ${chosen.label} (${chosen.customerId})`);
      return true;
    } catch (e) {
      reportError(c.logger, vscode.l10n.t('Select customer'), e);
      return false;
    }
  });
}
