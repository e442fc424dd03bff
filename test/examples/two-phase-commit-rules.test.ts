/** Every rule of the two-phase-commit example, on deep-frozen inputs (a rule that mutated one would throw). */
import { describe, expect, it } from 'vitest';
import { abortAfterRestart, initialCoordinator, logDecision, onVote, recoverCoordinator, startCommit } from '../../examples/two-phase-commit/src/coordinator.js';
import { atomicity, finished } from '../../examples/two-phase-commit/src/properties.js';
import { twoPhaseCommit } from '../../examples/two-phase-commit/src/protocol.js';
import { initialRm, onDecision, onPrepare } from '../../examples/two-phase-commit/src/resource-manager.js';
import type { Config, CoordinatorState, RmState, State } from '../../examples/two-phase-commit/src/types.js';

function frozen<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    Object.values(v).forEach(frozen);
    Object.freeze(v);
  }
  return v;
}
const config = (bugs: string[] = []): Config => frozen(twoPhaseCommit.configure({ rms: 2 }, bugs));
const tm = (s: Partial<CoordinatorState>): CoordinatorState => frozen({ ...initialCoordinator, ...s });
const rm = (phase: RmState['phase']): RmState => frozen({ kind: 'rm', phase });
const world = (...phases: RmState['phase'][]) => ({
  time: 0,
  messages: [],
  nodes: [{ id: 'tm', role: 'tm', index: 0, up: true, clock: 0, state: initialCoordinator as State }, ...phases.map((p, i) => ({ id: `rm${i + 1}`, role: 'rm', index: i + 1, up: true, clock: 0, state: rm(p) as State }))],
});

describe('coordinator', () => {
  it('startCommit sends prepare to every RM', () => {
    const s = startCommit(config(), tm({}));
    expect(s.state).toMatchObject({ phase: 'waiting' });
    expect(s.send).toEqual([{ to: 'rm1', msg: { t: 'prepare' } }, { to: 'rm2', msg: { t: 'prepare' } }]);
  });

  it('onVote commits after every yes, logging the decision as it sends it', () => {
    const one = onVote(config(), tm({ phase: 'waiting' }), 'rm2', true);
    expect(one).toEqual({ state: { ...initialCoordinator, phase: 'waiting', yes: ['rm2'] }, send: [] });
    const all = onVote(config(), frozen(one.state as CoordinatorState), 'rm1', true);
    expect(all.state).toMatchObject({ phase: 'committed', yes: ['rm1', 'rm2'], logged: 'commit' });
    expect(all.send.map((s) => s.msg)).toEqual([{ t: 'commit' }, { t: 'commit' }]);
  });

  it('onVote aborts on a no, ignores votes once decided and repeated yes votes', () => {
    expect(onVote(config(), tm({ phase: 'waiting' }), 'rm1', false).state).toMatchObject({ phase: 'aborted', logged: 'abort' });
    const done = tm({ phase: 'committed', logged: 'commit' });
    expect(onVote(config(), done, 'rm1', false).state).toBe(done);
    const waiting = tm({ phase: 'waiting', yes: ['rm1'] });
    expect(onVote(config(), waiting, 'rm1', true).state).toBe(waiting);
  });

  it('commitOnFirstYes commits on one yes; decisionNotLogged sends without logging', () => {
    expect(onVote(config(['commitOnFirstYes']), tm({ phase: 'waiting' }), 'rm1', true).state).toMatchObject({ phase: 'committed' });
    const sent = onVote(config(['decisionNotLogged']), tm({ phase: 'waiting', yes: ['rm1'] }), 'rm2', true);
    expect(sent.state).toMatchObject({ phase: 'committed', logged: null });
    expect(logDecision(frozen(sent.state as CoordinatorState))?.state).toMatchObject({ logged: 'commit' });
    expect(logDecision(tm({ phase: 'committed', logged: 'commit' }))).toBeNull();
  });

  it('recovers from its log and presumes abort without a decision', () => {
    expect(recoverCoordinator('commit')).toMatchObject({ phase: 'committed', logged: 'commit' });
    const r = recoverCoordinator(null);
    expect(r.phase).toBe('recovered');
    const a = abortAfterRestart(config(), frozen(r));
    expect(a.state).toMatchObject({ phase: 'aborted', logged: 'abort' });
    expect(a.send.map((s) => s.msg)).toEqual([{ t: 'abort' }, { t: 'abort' }]);
  });
});

describe('resource manager', () => {
  it('onPrepare offers a yes and a no vote when working, nothing otherwise', () => {
    const out = onPrepare(frozen(initialRm), 'tm');
    expect(out).toEqual([
      { label: 'votes yes', state: { kind: 'rm', phase: 'prepared' }, send: [{ to: 'tm', msg: { t: 'vote', yes: true } }] },
      { label: 'votes no', state: { kind: 'rm', phase: 'aborted' }, send: [{ to: 'tm', msg: { t: 'vote', yes: false } }] },
    ]);
    const p = rm('prepared');
    expect(onPrepare(p, 'tm')).toEqual({ state: p, send: [] });
  });

  it('onDecision commits only when prepared, aborts unless already finished', () => {
    expect(onDecision(rm('prepared'), true).state).toEqual({ kind: 'rm', phase: 'committed' });
    const a = rm('aborted');
    expect(onDecision(a, true).state).toBe(a);
    expect(onDecision(rm('working'), false).state).toEqual({ kind: 'rm', phase: 'aborted' });
    const c = rm('committed');
    expect(onDecision(c, false).state).toBe(c);
  });
});

describe('properties', () => {
  it('atomicity fails exactly when one RM committed and another aborted', () => {
    expect(atomicity.check(config(), world('committed', 'aborted'))?.witnesses).toEqual(['committed: rm1', 'aborted: rm2']);
    expect(atomicity.check(config(), world('committed', 'prepared'))).toBeNull();
    expect(finished.holds(config(), world('committed', 'committed'))).toBe(true);
    expect(finished.holds(config(), world('committed', 'prepared'))).toBe(false);
  });
});
