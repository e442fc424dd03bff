/** Real traces for reporter tests: walk a (toy) system along chosen step labels. */
import { labelledSuccessors, snapshot } from '../../../src/checker/replay.js';
import { systemFor } from '../../../src/checker/run.js';
import type { LoadedSpec } from '../../../src/checker/spec.js';
import type { Trace, TraceViolation } from '../../../src/checker/trace.js';

export function walk(spec: LoadedSpec, labels: readonly string[], violation?: TraceViolation): Trace {
  const sys = systemFor(spec);
  const initial = sys.initialWorld();
  let w = initial;
  const steps = labels.map((label) => {
    const options = labelledSuccessors(sys, w);
    const next = options.find((o) => o.step.label === label);
    if (next === undefined) throw new Error(`no step "${label}"; enabled: ${options.map((o) => o.step.label).join(' | ')}`);
    w = next.world;
    return next.step;
  });
  return {
    spec: spec.name,
    protocol: spec.protocol.name,
    params: spec.params,
    bugs: spec.bugs,
    initial: snapshot(sys, initial),
    steps,
    ...(violation === undefined ? {} : { violation }),
  };
}
