/** Sign in / out, developer token, customer (./selectCustomer) and environment selection. */
import * as vscode from 'vscode';
import { isEnvironment } from '../../core/config';
import { validateDeveloperToken } from '../auth/developerTokenStore';
import { reportError } from '../notifications';
import { readSettings, updateSetting } from '../settings';
import type { CommandContext } from './commandContext';
import { registerSelectCustomerCommand } from './selectCustomer';

export function registerAuthCommands(c: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('clientLinks.signIn', async () => {
      c.connection.setState('signingIn');
      try {
        await c.auth.signIn(); // the connection logs the account change
        await c.connection.evaluate(true);
      } catch (e) {
        await c.connection.evaluate(false);
        if (e instanceof Error && /cancel/i.test(e.message)) {
          c.logger.info('Sign-in cancelled');
          return;
        }
        reportError(c.logger, vscode.l10n.t('Sign in'), e);
      }
    }),
    vscode.commands.registerCommand('clientLinks.signOut', async () => {
      await c.auth.signOut();
      c.store.endSession();
      c.connection.setState('signedOut');
      c.logger.info('Signed out of Client Links');
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Client Links forgot your session. To remove the Microsoft account from VS Code, use the Accounts menu (bottom of the activity bar).'),
      );
    }),
    vscode.commands.registerCommand('clientLinks.setDeveloperToken', async (token?: unknown) => {
      const environment = readSettings().environment;
      let value = typeof token === 'string' ? token : undefined;
      if (value !== undefined) {
        const problem = validateDeveloperToken(value);
        if (problem) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Developer token not saved: {0}', problem));
          return false;
        }
      } else {
        value = await vscode.window.showInputBox({
          title: vscode.l10n.t({ message: 'Developer token ({0})', args: [environment], comment: ['{0} is production or sandbox'] }),
          prompt: vscode.l10n.t("Your Microsoft Advertising developer token. It is stored in VS Code's secret storage, never in settings."),
          password: true,
          ignoreFocusOut: true,
          validateInput: validateDeveloperToken,
        });
        if (value === undefined) {
          return false;
        }
      }
      await c.developerTokens.set(environment, value.trim());
      c.logger.info(`Developer token for ${environment} saved`);
      await c.connection.evaluate(true);
      return true;
    }),
    vscode.commands.registerCommand('clientLinks.clearDeveloperToken', async () => {
      const environment = readSettings().environment;
      const clear = vscode.l10n.t('Clear Developer Token');
      const confirmed = await vscode.window.showWarningMessage(
        vscode.l10n.t({ message: 'Clear the developer token for {0}?', args: [environment], comment: ['{0} is production or sandbox'] }),
        { modal: true, detail: vscode.l10n.t({ message: 'Client Links will not reach Microsoft Advertising {0} until you set a developer token again.', args: [environment], comment: ['{0} is production or sandbox'] }) },
        clear,
      );
      if (confirmed !== clear) {
        return false;
      }
      await c.developerTokens.clear(environment);
      c.logger.info(`Developer token for ${environment} cleared`);
      await c.connection.evaluate(false);
      return true;
    }),
    registerSelectCustomerCommand(c),
    vscode.commands.registerCommand('clientLinks.selectEnvironment', async (environment?: unknown) => {
      let chosen = typeof environment === 'string' ? environment : undefined;
      if (!chosen) {
        const pick = await vscode.window.showQuickPick(
          [
            { label: 'production', description: vscode.l10n.t('The live Microsoft Advertising service'), environment: 'production' },
            { label: 'sandbox', description: vscode.l10n.t('Test users and accounts; developer token BBD37VB98'), environment: 'sandbox' },
          ],
          { title: vscode.l10n.t('Microsoft Advertising environment') },
        );
        chosen = pick?.environment;
      }
      if (chosen && isEnvironment(chosen)) {
        await updateSetting('environment', chosen);
      }
    }),
  ];
}
