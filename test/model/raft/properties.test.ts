import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import type { WorldView } from '../../../src/model/contract.js';
import {
  allCommitted,
  committedPredicate,
  electionSafety,
  leaderAppendOnly,
  leaderCompleteness,
  leaderElected,
  logMatching,
  reconfigured,
  stateMachineSafety,
} from '../../../src/model/raft/properties.js';
import { onAppendEntries } from '../../../src/model/raft/replication.js';
import type { Entry, RaftMessage, RaftState } from '../../../src/model/raft/types.js';
import { cfg, log, st } from './helpers.js';

function world(states: RaftState[], up: boolean[] = states.map(() => true)): WorldView<RaftState, RaftMessage> {
  return freeze(
    {
      nodes: states.map((state, i) => ({ id: `s${i + 1}`, role: 'server', index: i, up: up[i], state, clock: 0 })),
      messages: [],
      time: 0,
    },
    true,
  );
}

const c = cfg();
const leaderIn = (term: number, l = log(), extra: Partial<RaftState> = {}): RaftState =>
  st({ role: 'leader', term, votedFor: null, log: l, next: [0, 1, 1], match: [0, 0, 0], leaderLog: l, ...extra });

describe('electionSafety', () => {
  it('two up leaders in one term break it, named with their term', () => {
    const v = electionSafety.check(c, world([leaderIn(2), st({ term: 2 }), leaderIn(2)]));
    expect(v?.witnesses).toEqual(['s1 leader in term 2', 's3 leader in term 2']);
  });

  it('leaders of different terms, or a leader that is down, do not', () => {
    expect(electionSafety.check(c, world([leaderIn(1), st(), leaderIn(2)]))).toBeNull();
    expect(electionSafety.check(c, world([leaderIn(2), st(), leaderIn(2)], [false, true, true]))).toBeNull();
  });
});

describe('logMatching', () => {
  it('same term at an index but different earlier entries break it', () => {
    const v = logMatching.check(c, world([st({ log: log([1, 'v1'], [2, 'v1']) }), st({ log: log([1, 'v2'], [2, 'v1']) }), st()]));
    expect(v?.message).toBe('s1 and s2 agree on index 2 but not on index 1');
  });

  it('a diverging suffix after the last common term is fine', () => {
    expect(logMatching.check(c, world([st({ log: log([1, 'v1'], [2, 'v1']) }), st({ log: log([1, 'v1'], [3, 'v1']) }), st()]))).toBeNull();
  });
});

describe('leaderCompleteness', () => {
  it('a leader of a later term lacking a committed entry breaks it', () => {
    const v = leaderCompleteness.check(c, world([st({ term: 3, log: log([1, 'v1']), commit: 1 }), st({ term: 4 }), leaderIn(4, log([2, 'v1']))]));
    expect(v?.witnesses).toEqual(['s1 committed 1:v1 at index 1 (s1 in term 3)', 's3 leader in term 4 has 2:v1 at index 1']);
  });

  it('a stale leader (term not above the committer\'s) is not held to it', () => {
    expect(leaderCompleteness.check(c, world([st({ term: 3, log: log([1, 'v1']), commit: 1 }), st(), leaderIn(3)]))).toBeNull();
    expect(leaderCompleteness.check(c, world([st({ term: 3, log: log([1, 'v1']), commit: 1 }), st(), leaderIn(4, log([1, 'v1']))]))).toBeNull();
  });
});

describe('stateMachineSafety', () => {
  it('different committed entries at one index break it', () => {
    const v = stateMachineSafety.check(c, world([st({ log: log([1, 'v1']), commit: 1 }), st({ log: log([2, 'v1']), commit: 1 }), st()]));
    expect(v?.witnesses).toEqual(['s1 committed 1:v1 at index 1', 's2 committed 2:v1 at index 1']);
  });

  it('entries beyond a commitIndex do not count', () => {
    expect(stateMachineSafety.check(c, world([st({ log: log([1, 'v1']), commit: 1 }), st({ log: log([2, 'v1']), commit: 0 }), st()]))).toBeNull();
  });
});

describe('leaderAppendOnly', () => {
  it('a leader whose log no longer extends its ghost leaderLog breaks it', () => {
    const l = leaderIn(2, log([1, 'v1']), { leaderLog: log([1, 'v1'], [2, 'v1']) });
    const v = leaderAppendOnly.check(c, world([l, st(), st()]));
    expect(v?.witnesses).toEqual(['s1 leader in term 2 had 2:v1 at index 2', 's1 now has nothing at index 2']);
  });

  it('catches a leader that overwrote its log on an AppendEntries of its own term', () => {
    const l = st({ role: 'leader', term: 2, votedFor: 's1', log: log([1, 'v1']), next: [0, 2, 2], match: [0, 0, 0], leaderLog: log([1, 'v1']) });
    const after = onAppendEntries(c, l, { term: 2, prevIndex: 0, prevTerm: 0, entries: [[2, 'v1']], commit: 0 }, 's3').state;
    expect(leaderAppendOnly.check(c, world([after, st(), st()]))?.witnesses).toEqual(['s1 leader in term 2 had 1:v1 at index 1', 's1 now has 2:v1 at index 1']);
  });

  it('appending keeps it', () => {
    expect(leaderAppendOnly.check(c, world([leaderIn(2, log([1, 'v1'], [2, 'v1']), { leaderLog: log([1, 'v1']) }), st(), st()]))).toBeNull();
  });
});

describe('predicates', () => {
  it('leaderElected needs an up leader; committed needs a commitIndex', () => {
    expect(leaderElected.holds(c, world([leaderIn(1), st(), st()]))).toBe(true);
    expect(leaderElected.holds(c, world([leaderIn(1), st(), st()], [false, true, true]))).toBe(false);
    const one = st({ log: log([1, 'v1']), commit: 1 });
    expect(committedPredicate.holds(c, world([one, st(), st()]))).toBe(true);
    expect(committedPredicate.holds(c, world([st(), st(), st()]))).toBe(false);
    expect(allCommitted.holds(c, world([one, one, st()]))).toBe(false);
    expect(allCommitted.holds(c, world([one, one, one]))).toBe(true);
  });

  it('reconfigured needs a committed ordinary configuration other than the initial one', () => {
    const rc = cfg({ reconfig: 'joint', members: 2 });
    const joint: readonly (readonly string[])[] = [['s1', 's2'], ['s1', 's2', 's3']];
    const grown: readonly (readonly string[])[] = [['s1', 's2', 's3']];
    const both: readonly Entry[] = [
      [1, joint],
      [1, grown],
    ];
    expect(reconfigured.holds(rc, world([st({ log: both, commit: 2 }), st(), st()]))).toBe(true);
    // C_new not yet committed, only C_old,new: the change is still under way.
    expect(reconfigured.holds(rc, world([st({ log: both, commit: 1 }), st(), st()]))).toBe(false);
    // Back to the initial configuration, or known only by a server that is down.
    expect(reconfigured.holds(rc, world([st({ log: [[1, [['s1', 's2']]]], commit: 1 }), st(), st()]))).toBe(false);
    expect(reconfigured.holds(rc, world([st({ log: both, commit: 2 }), st(), st()], [false, true, true]))).toBe(false);
    // A client value after the configuration does not hide it.
    expect(reconfigured.holds(rc, world([st({ log: [[1, grown], [1, 'v1']], commit: 2 }), st(), st()]))).toBe(true);
  });
});
