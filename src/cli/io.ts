/** Where the CLI writes, how it is stopped, and what its exit code means. */

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Aborted on Ctrl+C (the bin wires SIGINT to it): no new call starts, calls in flight finish, and
   * the report says which links were done and which were not sent. Exit code 130.
   */
  signal?: AbortSignal;
  /**
   * Resolves once what `out` wrote has been taken by the reader. A long output (a listing of
   * 100,000 links) waits for it between pieces, so a slow reader (a pipe) does not make the whole
   * output pile up in memory. Absent: nothing to wait for.
   */
  drain?: () => Promise<void>;
  /**
   * Writes bytes as they are (no line end added). Only for text that has been through `redact`
   * piece by piece already: the long JSON of `list`, whose links are redacted as they arrive, so
   * the 89 MB of a 100,000-link listing are not decoded, scanned and encoded again on the way out.
   * Absent: the command writes through `out`.
   */
  outBytes?: (bytes: Uint8Array) => void;
  /** What `out` does to a text before writing it (masks the tokens in use and token shapes). Absent: nothing. */
  redact?: (text: string) => string;
  /**
   * Asks the person at the terminal a yes/no question (`apply`). Absent when stdin is not a
   * terminal (a pipe, a script, CI): a command that needs a confirmation then refuses unless --yes.
   */
  confirm?: (question: string) => Promise<boolean>;
  /** The clock (epoch ms) for what depends on the time, such as the days a pending invitation has left. Absent: Date.now. Tests pass the simulator's. */
  now?: () => number;
}

/** Every item succeeded. */
export const EXIT_OK = 0;
/** Something failed or was refused at the service. */
export const EXIT_FAILED = 1;
/** Bad input or settings: nothing was sent. */
export const EXIT_USAGE = 2;
/** Exit code after a cancel (128 + SIGINT), as shells report an interrupted command. */
export const EXIT_CANCELLED = 130;
