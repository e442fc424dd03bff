/**
 * `--workers N` gives the same verdict, figures and counterexample for every
 * N, on every spec under spec/: a CI job that diffs committed
 * counterexamples must not flap. Runs the compiled worker (dist/, built by
 * `npm test` before vitest).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSpec, type CheckResult } from '../../src/checker/run.js';
import { parseSpec } from '../../src/checker/spec.js';
import { findSpecFiles } from '../../src/cli/spec-files.js';
import { findProtocol } from '../../src/model/registry.js';

// Liveness specs ("eventually") run the fair-lasso search, which takes no workers: nothing to compare.
const specs = findSpecFiles(['spec'])
  .map((f) => parseSpec(f, readFileSync(f, 'utf8'), findProtocol))
  .filter((s) => s.eventually === undefined);

// A spec's own timeLimit is a wall-clock bound: on a loaded machine the 1-worker run could stop
// where the 2-worker run finishes. Counts must not depend on speed, so the bound is lifted here.
const UNLIMITED = 24 * 3600;

/** What must agree: everything but wall-clock figures and the worker count itself. */
function exact(r: CheckResult): unknown {
  return { verdict: r.verdict, property: r.property, limit: r.limit, states: r.states, transitions: r.transitions, depth: r.depth, trace: r.trace };
}

describe('workers 1, 2 and 3 agree exactly', () => {
  it('on every safety spec under spec/: verdict, states, transitions, depth and the counterexample', () => {
    expect(specs.length).toBeGreaterThan(15);
    const violations = [];
    for (const spec of specs) {
      const one = exact(checkSpec(spec, { workers: 1, timeLimit: UNLIMITED }));
      for (const workers of [2, 3]) expect(exact(checkSpec(spec, { workers, timeLimit: UNLIMITED })), `${spec.name} with ${workers} workers`).toEqual(one);
      if ((one as { trace?: unknown }).trace !== undefined) violations.push(spec.name);
    }
    // The buggy specs are among them, each with its counterexample compared step by step.
    expect(violations.length).toBeGreaterThan(10);
  }, 1_800_000);
});
