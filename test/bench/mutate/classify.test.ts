import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { budgetFor, childDied, judge, kindOf, type Baseline, type SpecRun } from '../../../bench/mutate/classify.js';
import { writeReport, type Outcome } from '../../../bench/mutate/report.js';
import { checkSpec } from '../../../src/checker/run.js';
import { parseSpec } from '../../../src/checker/spec.js';
import { findProtocol } from '../../../src/model/registry.js';

const base = (states: number, seconds = 1): Baseline => ({ states, transitions: 10 * states, seconds, cpu: seconds });
const result = (r: Partial<Extract<SpecRun, { result: unknown }>['result']>): SpecRun => ({
  result: { verdict: 'pass', asExpected: true, expected: 'pass', states: 100, ...r },
});

describe('mutation budgets', () => {
  it('gives each spec 4x its unmutated states, and at least 50,000 more', () => {
    expect(budgetFor(base(9)).maxStates).toBe(50_009);
    expect(budgetFor(base(20_000)).maxStates).toBe(80_000);
    expect(budgetFor(base(1_355_787)).maxStates).toBe(5_423_148);
  });

  it('keeps the wall clock only as a generous backstop: 20x the unmutated seconds, at least 120 s', () => {
    expect(budgetFor(base(9, 0.1)).timeLimit).toBe(120);
    expect(budgetFor(base(9, 22.6)).timeLimit).toBe(452);
  });
});

describe('kill classification', () => {
  const b = base(1000);
  const budget = budgetFor(b);

  it('lets a spec that comes out as its file says live on', () => {
    expect(judge(result({}), budget, b)).toBeNull();
    expect(judge(result({ verdict: 'violation', asExpected: true, expected: 'violates agreement', property: 'agreement' }), budget, b)).toBeNull();
  });

  it('names violations, passes of buggy specs and vacuous passes', () => {
    expect(judge(result({ verdict: 'violation', asExpected: false, property: 'logMatching' }), budget, b)).toBe('violation: logMatching (expected pass)');
    expect(judge(result({ asExpected: false, expected: 'violates agreement' }), budget, b)).toBe('passed (expected violates agreement)');
    expect(kindOf(judge(result({ asExpected: false, vacuous: ['leaderElected'] }), budget, b))).toBe('vacuous');
  });

  it('counts a search stopped by the state budget as a state explosion, by count and not by time', () => {
    const how = judge(result({ verdict: 'incomplete', asExpected: false, limit: 'states', states: 51_000 }), budget, b);
    expect(how).toBe('state explosion: over 51000 states (4x the unmutated 1000)');
    expect(kindOf(how)).toBe('state explosion');
    expect(kindOf(judge(result({ verdict: 'incomplete', asExpected: false, limit: 'depth' }), budget, b))).toBe('depth');
    expect(kindOf(judge(result({ verdict: 'incomplete', asExpected: false, limit: 'memory' }), budget, b))).toBe('memory');
  });

  it('calls only the time limit a backstop kill', () => {
    expect(kindOf(judge(result({ verdict: 'incomplete', asExpected: false, limit: 'time' }), budget, b))).toBe('backstop');
  });

  it('tells model errors, crashes of mutated code and refused memory apart', () => {
    expect(judge({ error: { name: 'SystemError', message: 'model error: raft.stale() is wrong for ...' } }, budget, b)).toBe('model error: raft.stale() is wrong for ...');
    expect(judge({ error: { name: 'SystemError', message: 'raft.handle threw' } }, budget, b)).toBe('model error: raft.handle threw');
    expect(judge({ error: { name: 'TypeError', message: "Cannot read properties of undefined (reading '0')\n    at termAt" } }, budget, b)).toBe("crash (TypeError): Cannot read properties of undefined (reading '0')");
    expect(kindOf(judge({ error: { name: 'RangeError', message: 'Invalid array length' } }, budget, b))).toBe('memory');
    expect(kindOf(judge({ error: { name: 'RangeError', message: 'Maximum call stack size exceeded' } }, budget, b))).toBe('crash');
  });

  it('does not count a child that died without a result as a crash: it is retried, then lost', () => {
    const oom = childDied(false, 'spec/x.json', 300, null, 'SIGABRT', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory');
    expect(oom.retry).toBe(true);
    expect(oom.how).toMatch(/^lost: the child died \(out of memory\), exit SIGABRT/);
    expect(kindOf(childDied(false, undefined, 300, null, 'SIGKILL', '').how)).toBe('lost');
    const stopped = childDied(true, 'spec/x.json', 300, null, 'SIGKILL', '');
    expect(stopped).toEqual({ how: 'backstop: over 300 s wall on spec/x.json (the child was stopped)', retry: false });
  });
});

describe('the budget as the child applies it', () => {
  const load = (file: string) => parseSpec(file, readFileSync(file, 'utf8'), findProtocol);

  it('stops a safety search at the state budget and lets the unmutated search finish within it', () => {
    const spec = load('spec/raft/correct-replication.json');
    const whole = checkSpec(spec);
    expect(whole.asExpected).toBe(true);
    const b = { states: whole.states, transitions: whole.transitions, seconds: whole.seconds, cpu: whole.seconds };
    const within = checkSpec({ ...spec, limits: { ...spec.limits, maxStates: budgetFor(b).maxStates } });
    expect(judge({ result: within }, budgetFor(b), b)).toBeNull();
    const tight = { maxStates: Math.floor(whole.states / 2), timeLimit: 120 };
    const cut = checkSpec({ ...spec, limits: { ...spec.limits, maxStates: tight.maxStates } });
    expect(kindOf(judge({ result: cut }, tight, b))).toBe('state explosion');
  });

  it('stops a liveness search at the state budget too', () => {
    const spec = load('spec/liveness/raft-split-votes.json');
    const whole = checkSpec(spec);
    expect(whole.asExpected).toBe(true);
    const b = { states: whole.states, transitions: whole.transitions, seconds: whole.seconds, cpu: whole.seconds };
    const tight = { maxStates: 10, timeLimit: 120 };
    const cut = checkSpec({ ...spec, limits: { ...spec.limits, maxStates: tight.maxStates } });
    expect(kindOf(judge({ result: cut }, tight, b))).toBe('state explosion');
  });
});

describe('the report', () => {
  const root = mkdtempSync(join(tmpdir(), 'synod-mutate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const m = (id: string, killed: boolean, how?: string): Outcome => ({ id, file: 'src/model/x/y.ts', line: 1, fn: 'f', from: '<', to: '<=', start: 0, end: 1, killed, seconds: 1, ...(how === undefined ? {} : { how, spec: 'spec/x.json' }) });

  it('scores kills by kind, leaves lost mutants out of the score and lists backstop kills for re-checking', () => {
    writeReport(root, 'out', {
      outcomes: [m('a', true, 'violation: p (expected pass)'), m('b', true, 'state explosion: over 9 states'), m('c', true, 'backstop: over 300 s wall on spec/x.json'), m('d', false, 'lost: the child died, exit SIGKILL: '), m('e', false)],
      planned: 5,
      done: true,
      planted: false,
      jobs: 2,
      wall: 10,
      cpu: 15,
      load: { min: 1, mean: 2, max: 3 },
      specs: {},
    });
    const page = readFileSync(join(root, 'out.md'), 'utf8');
    expect(page).toContain('- mutants: 4 scored (+ 1 lost, not scored); killed 3; survived 1, of which 0 explained as equivalent');
    expect(page).toContain('**score: 75.0% of non-equivalent mutants killed** (3/4)');
    expect(page).toContain('- kills by kind: violation 1, state explosion 1, backstop 1');
    expect(page).toMatch(/## Kills by the wall-clock backstop alone \(to re-check\)\n\n- `c`/);
    expect(page).toMatch(/## Lost [^\n]*\n\n- `d`/);
    expect(page).toContain('| `e` | f | **unexplained** |');
    expect(page).toContain('10 s wall, 15 s CPU (runner and children); 1-minute load average 1.0-3.0 (mean 2.0) on 2 cores');
  });
});
