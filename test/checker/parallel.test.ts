import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bfs } from '../../src/checker/bfs.js';
import { parallelBfs } from '../../src/checker/parallel/search.js';
import { checkSpec, systemFor } from '../../src/checker/run.js';
import { validateSpec, type LoadedSpec } from '../../src/checker/spec.js';
import { findProtocol } from '../../src/model/registry.js';

/** Workers run the compiled engine (dist/): build it when it is missing or older than the sources. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

beforeAll(() => {
  const worker = 'dist/src/checker/parallel/worker.js';
  if (!existsSync(worker) || statSync(worker).mtimeMs < newest('src')) {
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'pipe' });
    } catch {
      // Type errors elsewhere do not stop tsc from emitting; the tests below tell whether the build is usable.
    }
  }
}, 180_000);

const spec = (raw: Record<string, unknown>): LoadedSpec =>
  validateSpec('spec/paxos/parallel-test.json', { protocol: 'paxos', network: 'set', expect: 'pass', ...raw }, findProtocol);

describe('parallel BFS', () => {
  it('visits the same states and transitions with 1, 2 and 3 workers', () => {
    const s = spec({ params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 }, network: 'multiset', faults: { drop: 1 } });
    const one = checkSpec(s);
    const two = checkSpec(s, { workers: 2 });
    const three = checkSpec(s, { workers: 3 });
    expect(one.verdict).toBe('pass');
    expect(two.workers).toBe(2);
    for (const r of [two, three]) {
      expect(r.verdict).toBe('pass');
      expect(r.states).toBe(one.states);
      expect(r.transitions).toBe(one.transitions);
      expect(r.depth).toBe(one.depth);
    }
  }, 60_000);

  it('keeps successors aside when the shared table fills mid-level, and loses none', () => {
    const s = spec({ params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 } });
    const one = bfs(systemFor(s), s.invariants, { limits: s.limits });
    const two = parallelBfs(s, { workers: 2, limits: s.limits, headroom: 0 });
    expect(two.status).toBe('exhausted');
    expect(two.states).toBe(one.states);
    expect(two.transitions).toBe(one.transitions);
  }, 60_000);

  it('agrees under symmetry reduction', () => {
    const s = spec({ params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 } });
    const one = checkSpec(s, { symmetry: true });
    const two = checkSpec(s, { symmetry: true, workers: 2 });
    expect(two.states).toBe(one.states);
    expect(two.transitions).toBe(one.transitions);
    expect(two.symmetryGroup).toBe(one.symmetryGroup);
  }, 60_000);

  it('agrees where the model normalizes messages (Raft, old requests collapsed)', () => {
    const s = validateSpec('spec/raft/parallel-test.json', { protocol: 'raft', params: { servers: 3, maxTerm: 3, maxLog: 0, candidates: 2 }, expect: 'pass' }, findProtocol);
    const one = checkSpec(s);
    const two = checkSpec(s, { workers: 2 });
    expect(one.verdict).toBe('pass');
    expect(two.states).toBe(one.states);
    expect(two.transitions).toBe(one.transitions);
  }, 60_000);

  it('finds a shortest counterexample whose trace replays to the violation', () => {
    const s = spec({
      params: { acceptors: 3, proposers: 2, values: 2, maxRound: 2 },
      bugs: ['ignorePromisedValues'],
      expect: { violates: 'agreement' },
    });
    const one = checkSpec(s);
    const two = checkSpec(s, { workers: 2 });
    expect(one.verdict).toBe('violation');
    expect(two.verdict).toBe('violation');
    expect(two.property).toBe('agreement');
    expect(two.traceLength).toBe(one.traceLength);
    expect(two.asExpected).toBe(true);
    // The trace was rebuilt in this thread from (parent, ordinal) pairs the workers kept.
    expect(two.trace?.steps).toHaveLength(one.traceLength as number);
  }, 60_000);

  it('stops at maxStates and maxDepth like the single-threaded search', () => {
    const s = spec({ params: { acceptors: 3, proposers: 2, values: 2, maxRound: 2 }, bounds: { maxStates: 5000 } });
    const r = checkSpec(s, { workers: 2 });
    expect(r.verdict).toBe('incomplete');
    expect(r.limit).toBe('states');
    const d = spec({ params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 }, bounds: { maxDepth: 5 } });
    const one = checkSpec(d);
    const two = checkSpec(d, { workers: 2 });
    expect(two.limit).toBe('depth');
    expect(two.states).toBe(one.states);
  }, 60_000);
});
