/**
 * When a link row's "open" shows its details. VS Code runs a tree item's command on every open: a
 * single click, each click of a double-click, and Enter. A single click only selects (opening a
 * panel on every click would get in the way of selecting several links); a double-click (two opens
 * of the same link close together) or Enter (announced by the Enter keybinding just before) opens
 * the details. No vscode import: the clock is injected and the rule is unit-tested.
 */
export class LinkOpenGesture {
  private last: { key: string; at: number } | undefined;
  private keyboardUntil = 0;

  constructor(
    private readonly open: (key: string) => void,
    private readonly now: () => number = Date.now,
    /** Two opens of one link within this many ms are a double-click. */
    readonly doubleClickMs = 500,
  ) {}

  /** A row was opened (its command ran). Returns whether the details were opened. */
  opened(key: string): boolean {
    const now = this.now();
    const fromKeyboard = now <= this.keyboardUntil;
    const secondClick = this.last !== undefined && this.last.key === key && now - this.last.at <= this.doubleClickMs;
    if (fromKeyboard || secondClick) {
      this.keyboardUntil = 0;
      this.last = undefined;
      this.open(key);
      return true;
    }
    this.last = { key, at: now };
    return false;
  }

  /** Enter was pressed on the focused row: the open that follows comes from the keyboard. */
  expectKeyboardOpen(): void {
    this.keyboardUntil = this.now() + 1000;
  }
}
