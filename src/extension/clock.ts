/**
 * What the extension takes as now for the days a pending invitation has left and for stuck links.
 * One object shared by the tree and the link watch; the extension-host tests point it at the
 * simulator's clock (the simulator's time can be moved forward by days).
 */
export interface Clock {
  now: () => number;
}

export function systemClock(): Clock {
  return { now: () => Date.now() };
}
