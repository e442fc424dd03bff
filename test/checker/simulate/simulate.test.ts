import { describe, expect, it } from 'vitest';
import { checkSpec, systemFor } from '../../../src/checker/run.js';
import { replay } from '../../../src/checker/replay.js';
import { simulateSpec, type SimulateResult } from '../../../src/checker/simulate/run.js';
import type { SimulationRequest } from '../../../src/checker/simulate/search.js';
import { Walker, PACES } from '../../../src/checker/simulate/walk.js';
import { toy, toySpec } from './toy.js';

const violates = { kind: 'violates', property: 'neverDone' } as const;
const request = (seed: number, more: Partial<SimulationRequest> = {}): SimulationRequest => ({
  seed,
  runs: 200,
  maxSteps: 60,
  timeLimit: 30,
  shrinkTimeLimit: 30,
  ...more,
});

/** Everything but wall-clock figures. */
function timeless(r: SimulateResult): unknown {
  const { seconds: _s, cpuSeconds: _c, walksPerSecond: _w, stepsPerSecond: _p, found, ...rest } = r;
  if (found === undefined) return rest;
  const { shrinkSeconds: _k, ...f } = found;
  return { ...rest, found: f };
}

describe('random walks on a toy whose shortest counterexample is 3 steps', () => {
  const spec = toySpec(toy(2), violates);

  it('exhaustive BFS confirms the shortest counterexample has 3 steps', () => {
    expect(checkSpec(spec).traceLength).toBe(3);
  });

  it('finds longer walks and shrinks every one of them to the 3 steps', () => {
    const found: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const r = simulateSpec(spec, request(seed));
      expect(r.verdict).toBe('violation');
      expect(r.asExpected).toBe(true);
      expect(r.found?.path.length).toBe(3);
      expect(r.trace?.steps.map((s) => s.label)).toEqual(['n1 pings', 'deliver ping n1→n2', 'deliver pong n2→n1']);
      found.push(r.found?.foundLength ?? 0);
    }
    // The walks as found wander through the fidgeting: shrinking did real work.
    expect(Math.max(...found)).toBeGreaterThan(6);
    expect(found.every((n) => n >= 3)).toBe(true);
  });

  it('gives the same result twice for the same seed, and another for another seed', () => {
    const a = simulateSpec(spec, request(42));
    const b = simulateSpec(spec, request(42));
    expect(timeless(b)).toEqual(timeless(a));
    expect(b.trace).toEqual(a.trace);
    const c = simulateSpec(spec, request(43));
    expect(c.found?.replay).not.toEqual(a.found?.replay);
  });

  it('replays the shrunk walk from the printed seed and path, without searching', () => {
    const a = simulateSpec(spec, request(7));
    const replay = a.found?.replay ?? '';
    expect(replay).toMatch(/^\d+(:\d+)*$/);
    const b = simulateSpec(spec, request(7, { replay }));
    expect(b.found?.path).toEqual(a.found?.path);
    expect(b.trace?.steps).toEqual(a.trace?.steps);
  });

  it('reports figures: walks, steps, distinct states', () => {
    const r = simulateSpec(spec, request(3));
    expect(r.walks).toBe(r.found?.run);
    expect(r.steps).toBeGreaterThanOrEqual(r.walks);
    expect(r.distinctStates).toBeGreaterThan(1);
    // Toy worlds: 3 × 3 × 3 fidget values × n1's flags × messages: far fewer than the steps of many walks.
    expect(r.distinctStates).toBeLessThanOrEqual(r.steps + r.walks);
  });

  it('finds nothing when walks are too short to get there: not as expected, and no trace', () => {
    const r = simulateSpec(spec, request(1, { maxSteps: 2, runs: 300 }));
    expect(r.verdict).toBe('none found');
    expect(r.asExpected).toBe(false);
    expect(r.walks).toBe(300);
    expect(r.trace).toBeUndefined();
  });

  it('a spec expecting pass: none found is as expected', () => {
    const pass = { ...toySpec(toy(1), { kind: 'pass' }), invariants: [] };
    const r = simulateSpec(pass, request(1, { runs: 50 }));
    expect(r.verdict).toBe('none found');
    expect(r.asExpected).toBe(true);
  });

  it('a spec expecting pass where the walks break the invariant is not as expected', () => {
    const r = simulateSpec(toySpec(toy(1), { kind: 'pass' }), request(1));
    expect(r.verdict).toBe('violation');
    expect(r.asExpected).toBe(false);
  });

  it('works on a consuming network too', () => {
    const r = simulateSpec(toySpec(toy(2), violates, 'multiset'), request(5));
    expect(r.found?.path.length).toBe(3);
  });
});

describe('Walker', () => {
  const spec = toySpec(toy(1), violates);

  it('takes choice mod the successors, never a step that changes nothing, and reports ordinals replay() accepts', () => {
    const sys = systemFor(spec);
    const walker = new Walker(sys, spec.invariants);
    const choices = [0, 7, 3, 11, 2, 5, 8, 13, 1, 4, 9, 6];
    const out = walker.run(choices);
    const { initial, steps } = replay(sys, out.path);
    let before = initial;
    for (const s of steps) {
      expect(Array.from(s.world)).not.toEqual(Array.from(before));
      before = s.world;
    }
    // The reduced choices take the very same walk.
    expect(walker.run(out.picks).path).toEqual(out.path);
    expect(out.picks[0]).toBe(0);
    expect(out.picks.length).toBe(out.path.length + 1);
  });

  it('stops a long walk at its deadline (a time limit holds inside one walk, a replay included)', () => {
    const sys = systemFor(spec);
    // No invariant: the walk cannot end in a violation, and fidgeting never lets it get stuck.
    const walker = new Walker(sys, []);
    const choices = Array.from({ length: 5001 }, (_, i) => (i * 7919) % 13);
    expect(walker.run(choices).path).toHaveLength(5000);
    expect(walker.timedOut).toBe(false);
    walker.deadline = 0;
    expect(walker.run(choices).path).toHaveLength(1023);
    expect(walker.timedOut).toBe(true);
  });

  it('the pace is the first choice modulo the number of paces', () => {
    const sys = systemFor(spec);
    const walker = new Walker(sys, spec.invariants);
    expect(walker.run([PACES.length + 2, 0, 0]).pace).toBe(2);
    expect(walker.run([]).pace).toBe(0);
  });

  it('follows named actions, skipping those no longer enabled', () => {
    const sys = systemFor(spec);
    const walker = new Walker(sys, spec.invariants);
    const full = walker.run([0, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], true);
    expect(full.actions.length).toBe(full.path.length);
    expect(walker.follow(full.pace, full.actions).path).toEqual(full.path);
    // Without its first step the walk cannot do what depended on it, and skips those steps.
    const rest = walker.follow(full.pace, full.actions.slice(1));
    expect(rest.path.length).toBeLessThan(full.path.length);
  });

  it('counts walks, steps and distinct states only while counting', () => {
    const sys = systemFor(spec);
    const walker = new Walker(sys, spec.invariants);
    walker.run([0, 1, 1, 1]);
    const { walks, steps } = walker;
    expect(walks).toBe(1);
    walker.counting = false;
    walker.run([0, 1, 1, 1]);
    expect(walker.walks).toBe(walks);
    expect(walker.steps).toBe(steps);
  });

  it('stops at the first violation', () => {
    const sys = systemFor(toySpec(toy(0), violates));
    const walker = new Walker(sys, [...spec.invariants]);
    // n1 and n2 only: pings, then deliveries; the fidgets are the other choices.
    const out = walker.run(Array.from({ length: 200 }, (_, i) => (i * 7919) % 1000));
    expect(out.end).toBe('violation');
    expect(out.broken?.property).toBe('neverDone');
  });
});
