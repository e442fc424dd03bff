/**
 * Which of a spec's properties each world of a trace breaks, for reporters
 * that show a trace step by step (the HTML trace): the invariant that fails
 * at the last step, with its witnesses, and whether it already failed
 * earlier; for a liveness spec, that the awaited predicate never holds.
 * Runs once per counterexample, off the search's hot path.
 */
import type { LoadedSpec } from './spec.js';
import type { System } from './system.js';
import type { PropertyStatus, PropertyTimeline, TraceViolation } from './trace.js';

export function propertyTimeline(spec: LoadedSpec, sys: System, worlds: readonly Int32Array[]): PropertyTimeline {
  const list: PropertyStatus[] = spec.invariants.map((i) => ({ name: i.name, description: i.description, kind: 'invariant' }));
  const eventually = spec.eventually;
  if (eventually !== undefined) list.push({ name: eventually.name, description: eventually.description, kind: 'eventually' });
  const statuses = worlds.map((w): (TraceViolation | null)[] => {
    const view = sys.view(w);
    const row: (TraceViolation | null)[] = spec.invariants.map((inv) => {
      const v = inv.check(sys.config, view);
      return v === null ? null : { property: inv.name, message: v.message, witnesses: v.witnesses };
    });
    if (eventually !== undefined) {
      row.push(eventually.holds(sys.config, view) ? null : { property: eventually.name, message: `not yet: ${eventually.description}`, witnesses: [] });
    }
    return row;
  });
  return { list, worlds: statuses };
}
