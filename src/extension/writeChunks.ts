/**
 * Writes a file from text chunks (UTF-8) without holding the whole text: a Node write stream for
 * `file:` URIs, one chunk at a time, waiting for each to drain (so the extension host keeps
 * answering between chunks). `vscode.workspace.fs.writeFile` has no append, so other schemes
 * (remote, virtual) get the chunks joined and written at once.
 */
import * as fs from 'node:fs';
import { once } from 'node:events';
import * as vscode from 'vscode';

export async function writeChunks(uri: vscode.Uri, chunks: Iterable<string>): Promise<void> {
  if (uri.scheme !== 'file') {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode([...chunks].join('')));
    return;
  }
  const stream = fs.createWriteStream(uri.fsPath, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  // Handled when awaited below; kept from surfacing as unhandled while a chunk is being built.
  failed.catch(() => undefined);
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) {
        await Promise.race([once(stream, 'drain'), failed]);
      }
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } catch (err) {
    stream.destroy();
    throw err;
  }
}
