/** What every command module receives. */
import type * as vscode from 'vscode';
import type { LinkStore } from '../../core/workflow/linkStore';
import type { DeveloperTokenStore } from '../auth/developerTokenStore';
import type { MicrosoftSession } from '../auth/microsoftSession';
import type { Connection } from '../connection';
import type { Logger } from '../logger';
import type { LinksTreeProvider } from '../tree/linksTreeProvider';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  store: LinkStore;
  auth: MicrosoftSession;
  developerTokens: DeveloperTokenStore;
  connection: Connection;
  tree: LinksTreeProvider;
  logger: Logger;
}
