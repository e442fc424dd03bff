import type { Invariant, Violation, WorldView } from '../model/contract.js';

export interface Broken {
  readonly property: string;
  readonly violation: Violation;
}

/** The first invariant (in the given order) that the world breaks, or null. */
export function firstBroken(config: unknown, invariants: readonly Invariant<unknown, unknown, unknown>[], world: WorldView<unknown, unknown>): Broken | null {
  for (const inv of invariants) {
    const violation = inv.check(config, world);
    if (violation !== null) return { property: inv.name, violation };
  }
  return null;
}
