/** A read-only Markdown document per link (`client-link:` URIs): every field plus the history this extension saw. */
import * as vscode from 'vscode';
import type { ClientLink } from '../../core/model/clientLink';
import { clientLinkKey } from '../../core/model/clientLink';
import { sideOf } from '../../core/workflow/customerContext';
import type { LinkStore } from '../../core/workflow/linkStore';
import { linkMarkdown } from '../tree/linkTooltip';

export const DETAILS_SCHEME = 'client-link';

export class LinkDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly open = new Map<string, vscode.Uri>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: LinkStore) {
    this.subscription = store.onDidChange((e) => {
      if (e.type === 'links') {
        for (const uri of this.open.values()) {
          this.emitter.fire(uri);
        }
      }
    });
  }

  uriFor(link: ClientLink): vscode.Uri {
    const key = clientLinkKey(link);
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${(link.ClientEntityName ?? link.ClientEntityId ?? 'link').replace(/[\\/:*?"<>|]/g, '_')}.md`, query: key });
    this.open.set(key, uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = uri.query;
    const link = this.store.links.find((l) => clientLinkKey(l) === key);
    if (!link) {
      return '# Link not found\n\nThis link is no longer in the list. Refresh the Client Links view.';
    }
    const active = this.store.active;
    const side = active ? (sideOf(link, active) === 'agency' ? 'agency (you manage this client)' : 'client (an agency manages you)') : undefined;
    return `# ${(link.ClientEntityName ?? link.Name ?? link.ClientEntityId ?? 'Client link').replace(/[#\n]/g, ' ')}\n\n${linkMarkdown(link, { heading: false, history: this.store.history.get(key), side })}\n`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
