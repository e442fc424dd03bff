/**
 * The checker's message reductions (Protocol.stale, Protocol.normalize) are
 * claims a model makes about its own handle(); the checker checks each one
 * the first time it meets the (node state, message) pair. Here: a wrong
 * claim of each kind on a toy is one line naming rule, message and state;
 * and every correct spec under spec/ (default and deep tier) gives the same
 * verdict with the reductions off, and reaches the same node states.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstBroken } from '../../src/checker/invariants.js';
import { withoutReductions } from '../../src/checker/no-reduce.js';
import { checkSpec } from '../../src/checker/run.js';
import { parseSpec, type LoadedSpec } from '../../src/checker/spec.js';
import { System, SystemError } from '../../src/checker/system.js';
import type { Protocol } from '../../src/model/contract.js';
import { findProtocol } from '../../src/model/registry.js';
import { epochs, toySpec, type EpochMsg } from './toys.js';

type Epochs = Protocol<null, number, EpochMsg, number>;

/** b answers every request, but this stale() says b ignores requests it has already seen the like of. */
const wrongStale: Epochs = { ...epochs(2, false), stale: (_c, self, s, m) => (self === 'a' && m.t === 'ans') || (self === 'b' && m.t === 'req' && m.r <= s) };

/** An old request stands for... a newer one: b would move on to it, so the step is not the original's. */
const wrongNormalize: Epochs = { ...epochs(2, true), normalize: (_c, _self, s, m) => (m.t === 'req' && m.r < s ? { t: 'req', r: s + 1 } : m) };

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a model error');
}

describe('claims checked against handle()', () => {
  it('a correct stale() and normalize() pass, with the reductions on and off', () => {
    const on = checkSpec(toySpec(epochs(2, true)));
    const off = checkSpec(toySpec(epochs(2, true)), { reduce: false });
    expect(on.verdict).toBe('pass');
    expect(off.verdict).toBe('pass');
    // Off keeps every answer and every old request: strictly more worlds.
    expect(off.states).toBeGreaterThan(on.states);
  });

  it('a stale() that disagrees with its handler is one line naming rule, message and node state', () => {
    const e = thrown(() => checkSpec(toySpec(wrongStale)));
    expect(e).toBeInstanceOf(SystemError);
    expect(e.message).not.toContain('\n');
    expect(e.message).toBe(
      'model error: epochs.stale() is wrong for req 1 from a to b in state {1}: it claims the message is ignored for good, but handle() keeps its state and sends ans 1 to a',
    );
  });

  it('a normalize() that changes the step is one line naming rule, message, node state and both steps', () => {
    const e = thrown(() => checkSpec(toySpec(wrongNormalize)));
    expect(e).toBeInstanceOf(SystemError);
    expect(e.message).not.toContain('\n');
    expect(e.message).toBe(
      'model error: epochs.normalize() is wrong for req 1 from a to b in state {2}: it puts req 3 in its place, but handle() of the original keeps its state and sends ans 2 to a while handle() of req 3 goes to {3} and sends ans 3 to a',
    );
  });

  it('a normalize() that is not idempotent is a model error', () => {
    const drifting: Epochs = { ...epochs(2, true), normalize: (_c, _self, s, m) => (m.t === 'req' && m.r < s ? { t: 'req', r: m.r - 1 } : m) };
    expect(thrown(() => checkSpec(toySpec(drifting))).message).toMatch(/^model error: epochs\.normalize\(\) is wrong for req 1 from a to b in state \{2\}: it is not idempotent: it maps the message to req 0 and that to req -1$/);
  });

  it('with the reductions off no claim is asked, so the wrong models run to a verdict', () => {
    expect(checkSpec(toySpec(wrongStale), { reduce: false }).verdict).toBe('pass');
    expect(checkSpec(toySpec(wrongNormalize), { reduce: false }).verdict).toBe('pass');
  });

  it('a time model has each stale() claim checked at every clock it can read', () => {
    // b ignores requests only while its clock is below 2: stale() claims "for good", which clock 2 refutes.
    const clocked: Epochs = {
      ...epochs(1, false),
      usesTime: true,
      handle: (_c, self, s, m, _from, clock) => (self === 'b' && m.t === 'req' && clock >= 2 ? { state: s + 1, send: [] } : { state: s, send: [] }),
      stale: (_c, self, _s, m) => self === 'b' && m.t === 'req',
    };
    const e = thrown(() => checkSpec(toySpec(clocked, { time: { maxTime: 2, skew: 0 } })));
    expect(e.message).toBe('model error: epochs.stale() is wrong for req 1 from a to b in state {0} at clock 2: it claims the message is ignored for good, but handle() goes to {1} and sends nothing');
  });
});

// ------------------------------------------------ every correct spec, both ways

function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return specFiles(p);
    return e.endsWith('.json') && e !== 'schema.json' ? [p] : [];
  });
}

const correct = specFiles('spec')
  .map((f) => parseSpec(f, readFileSync(f, 'utf8'), findProtocol))
  .filter((s) => s.expect.kind === 'pass');

/** Unreduced worlds a comparison may visit: the deepest complete BFS level within it is compared. */
const BUDGET = 40_000;

interface Levels {
  /** Per depth: the node-state tuples (view hashes) first reached at that depth. */
  readonly views: Set<string>[];
  readonly broken: string | null;
  readonly exhausted: boolean;
  readonly states: number;
}

/** Level-by-level BFS over whole worlds, up to maxLevels levels or until a level would pass the budget. */
function levels(spec: LoadedSpec, maxLevels: number, budget: number): Levels {
  const sys = new System(spec.protocol, spec.config, spec.settings);
  const seen = new Set<string>();
  const seenViews = new Set<string>();
  const views: Set<string>[] = [];
  let broken: string | null = null;
  const visit = (w: Int32Array, level: Set<string>): boolean => {
    sys.fingerprint(w);
    const key = `${sys.fpHi}:${sys.fpLo}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const view = `${sys.viewHi}:${sys.viewLo}`;
    if (!seenViews.has(view)) {
      seenViews.add(view);
      level.add(view);
      broken ??= firstBroken(spec.config, spec.invariants, sys.view(w))?.property ?? null;
    }
    return true;
  };
  let frontier = [sys.initialWorld()];
  views.push(new Set());
  visit(frontier[0], views[0]);
  while (frontier.length > 0 && views.length < maxLevels) {
    const level = new Set<string>();
    const next: Int32Array[] = [];
    for (const w of frontier) sys.expand(w, (s) => void (visit(s, level) && next.push(s)));
    if (seen.size > budget) return { views, broken, exhausted: false, states: seen.size };
    views.push(level);
    frontier = next;
  }
  return { views, broken, exhausted: frontier.length === 0, states: seen.size };
}

describe('every correct spec with the reductions off', () => {
  for (const spec of correct) {
    it(`${spec.name}: same verdict${spec.eventually === undefined ? ', same node states at every depth' : ''}`, () => {
      if (spec.eventually !== undefined) {
        // Liveness: both ways in full (these spaces stay small unreduced).
        const on = checkSpec(spec);
        const off = checkSpec(spec, { reduce: false });
        expect([on.verdict, off.verdict]).toEqual(['pass', 'pass']);
        return;
      }
      const off = levels(withoutReductions(spec), Infinity, BUDGET);
      const on = levels(spec, off.views.length, Infinity);
      expect(off.views.length).toBeGreaterThan(3);
      expect(off.broken).toBeNull();
      expect(on.broken).toBeNull();
      // A stale message's delivery changes no node and a canonical one does what the original did, so on a
      // set or multiset network both searches reach the same node states at the same depths; with FIFO a stale
      // message left in place takes a step to get out of the way, so the reduced search may only be ahead.
      const none = new Set<string>();
      for (let d = 0; d < off.views.length; d++) {
        if (spec.settings.network === 'fifo') for (const v of off.views[d]) expect(on.views.slice(0, d + 1).some((l) => l.has(v))).toBe(true);
        else expect(on.views[d] ?? none).toEqual(off.views[d]);
      }
      if (off.exhausted) expect(on.exhausted).toBe(true);
    }, 300_000);
  }
});
