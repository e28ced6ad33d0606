/**
 * Where the CLI keeps the link journal: `--journal-dir DIR`, else `MSADS_JOURNAL_DIR`, else
 * `msads-links/journal` under the user's configuration directory — `%APPDATA%` on Windows,
 * `~/Library/Application Support` on macOS, `$XDG_CONFIG_HOME` (default `~/.config`) elsewhere.
 * Read from the environment the CLI was given, never guessed: undefined when none of these is set
 * (then nothing is recorded).
 */
import * as path from 'node:path';

export function cliJournalRoot(flag: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const chosen = flag?.trim() || env.MSADS_JOURNAL_DIR?.trim();
  if (chosen) {
    return path.resolve(chosen);
  }
  const join = (...parts: string[]): string => (platform === 'win32' ? path.win32.join(...parts) : path.posix.join(...parts));
  if (platform === 'win32') {
    return env.APPDATA ? join(env.APPDATA, 'msads-links', 'journal') : undefined;
  }
  const home = env.HOME?.trim();
  if (platform === 'darwin') {
    return home ? join(home, 'Library', 'Application Support', 'msads-links', 'journal') : undefined;
  }
  const config = env.XDG_CONFIG_HOME?.trim() || (home ? join(home, '.config') : undefined);
  return config ? join(config, 'msads-links', 'journal') : undefined;
}
