/**
 * Figure 8 of the Raft paper on 3 servers: with the figure8 bug a leader of
 * term 3 "commits" an entry of term 1 by counting replicas, and a leader of
 * term 4 that lacks it is elected. First replayed step by step, then found
 * by exhaustive search with 4 terms and shown impossible with 3.
 */
import { readFileSync } from 'node:fs';
import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { checkSpec } from '../../../src/checker/run.js';
import { parseSpec } from '../../../src/checker/spec.js';
import { findProtocol } from '../../../src/model/registry.js';
import type { WorldView } from '../../../src/model/contract.js';
import { leaderCompleteness } from '../../../src/model/raft/properties.js';
import { raft } from '../../../src/model/raft/protocol.js';
import type { RaftConfig, RaftMessage, RaftState } from '../../../src/model/raft/types.js';

class Run {
  states: Record<string, RaftState>;
  inbox: { from: string; to: string; msg: RaftMessage }[] = [];
  constructor(readonly config: RaftConfig) {
    this.states = Object.fromEntries(config.servers.map((id) => [id, freeze(raft.init(config, id), true)]));
  }
  local(id: string, label: string): void {
    const step = raft.local(this.config, id, this.states[id], 0).find((s) => s.label.startsWith(label));
    if (step === undefined) throw new Error(`${id} cannot ${label}`);
    this.apply(id, step.state, step.send);
  }
  /** Delivers the newest matching message (the network may hold older ones too). */
  deliver(from: string, to: string, t: RaftMessage['t']): void {
    const k = this.inbox.findLastIndex((e) => e.from === from && e.to === to && e.msg.t === t);
    if (k < 0) throw new Error(`no ${t} ${from}→${to}`);
    const out = raft.handle(this.config, to, this.states[to], this.inbox[k].msg, from, 0);
    this.inbox.splice(k, 1);
    this.apply(to, out.state, out.send);
  }
  private apply(id: string, s: RaftState, send: readonly { to: string; msg: RaftMessage }[]): void {
    this.states[id] = freeze(s, true);
    for (const x of send) this.inbox.push({ from: id, to: x.to, msg: x.msg });
  }
  world(): WorldView<RaftState, RaftMessage> {
    return {
      nodes: this.config.servers.map((id, index) => ({ id, role: 'server', index, up: true, state: this.states[id], clock: 0 })),
      messages: [],
      time: 0,
    };
  }
}

function playFigure8(bugs: string[]): Run {
  const r = new Run(raft.configure({ servers: 3, maxTerm: 4, maxLog: 1, values: 1 }, bugs));
  // Term 1: s1 leads (vote of s2) and appends 1:v1, replicated nowhere.
  r.local('s1', 'times out');
  r.deliver('s1', 's2', 'RV');
  r.deliver('s2', 's1', 'RVR');
  r.local('s1', 'appends');
  // Term 2: s3 leads (vote of s2, whose log is empty) and appends 2:v1.
  r.local('s3', 'times out');
  r.local('s3', 'times out');
  r.deliver('s3', 's2', 'RV');
  r.deliver('s2', 's3', 'RVR');
  r.local('s3', 'appends');
  // Term 3: s1 learns term 2, leads term 3 (vote of s2) and copies 1:v1 to s2.
  r.deliver('s3', 's1', 'RV');
  r.local('s1', 'times out');
  r.deliver('s1', 's2', 'RV');
  r.deliver('s2', 's1', 'RVR');
  // nextIndex starts past s1's log: the first AppendEntries fails at s2 and backs nextIndex off to 1.
  r.local('s1', 'sends AppendEntries');
  r.deliver('s1', 's2', 'AE');
  r.deliver('s2', 's1', 'AER');
  r.local('s1', 'sends AppendEntries');
  r.deliver('s1', 's2', 'AE');
  r.deliver('s2', 's1', 'AER');
  return r;
}

describe('Figure 8', () => {
  it('with the bug, s1 commits the term-1 entry in term 3, and s3 wins term 4 without it', () => {
    const r = playFigure8(['figure8']);
    expect(r.states.s1).toMatchObject({ role: 'leader', term: 3, commit: 1, log: [[1, 'v1']] });
    expect(leaderCompleteness.check(r.config, r.world())).toBeNull();
    // Term 4: s3 (last entry of term 2) beats s2's log (last entry of term 1) and wins.
    r.deliver('s1', 's3', 'RV');
    r.local('s3', 'times out');
    r.deliver('s3', 's2', 'RV');
    r.deliver('s2', 's3', 'RVR');
    expect(r.states.s3).toMatchObject({ role: 'leader', term: 4, log: [[2, 'v1']] });
    expect(leaderCompleteness.check(r.config, r.world())?.witnesses).toEqual([
      's1 committed 1:v1 at index 1 (s1 in term 3)',
      's3 leader in term 4 has 2:v1 at index 1',
    ]);
  });

  it('without the bug the same replicas commit nothing: the entry is from term 1, not the current term 3', () => {
    const r = playFigure8([]);
    expect(r.states.s1).toMatchObject({ role: 'leader', term: 3, commit: 0, match: [0, 1, 0] });
  });
});

describe('Figure 8, exhaustively (s1 and s2 campaign, s3 votes)', () => {
  const check = (file: string) => checkSpec(parseSpec(file, readFileSync(file, 'utf8'), findProtocol));

  it('with 4 terms BFS finds leaderCompleteness broken, in 21 steps at the shortest', () => {
    const r = check('bench/specs/raft/figure8-two-candidates.json');
    expect(r.verdict).toBe('violation');
    expect(r.property).toBe('leaderCompleteness');
    expect(r.traceLength).toBe(21);
    const last = r.trace?.steps.at(-1)?.world.nodes.map((n) => n.state as unknown as RaftState);
    expect(Math.max(...(last ?? []).map((s) => s.term))).toBe(4);
  }, 900_000);

  it('with 3 terms the whole space is explored and no property breaks', () => {
    const r = check('bench/specs/raft/figure8-two-candidates-three-terms.json');
    expect(r.verdict).toBe('pass');
    // Every run, down to depths well past the 21 steps that 4 terms need.
    expect(r.depth).toBeGreaterThan(21);
  }, 900_000);
});
