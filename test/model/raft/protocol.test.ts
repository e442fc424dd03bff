import { describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../../src/model/contract.js';
import { raft } from '../../../src/model/raft/protocol.js';
import { cfg, st } from './helpers.js';

describe('raft protocol', () => {
  it('configures servers s1..sN, values and a majority; rejects unknown bugs and bad bounds', () => {
    const c = raft.configure({ servers: 5, maxTerm: 2, maxLog: 1, values: 2, preVote: false, checkQuorum: false, quietTimeouts: false }, ['figure8']);
    expect(c.servers).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(c.values).toEqual(['v1', 'v2']);
    expect(c.majority).toBe(3);
    expect(c.bugs.figure8).toBe(true);
    expect(raft.nodes(c).map((n) => n.role)).toEqual(['server', 'server', 'server', 'server', 'server']);
    expect(() => raft.configure({ servers: 3 }, ['nope'])).toThrow(ModelConfigError);
    expect(() => raft.configure({ servers: 9 }, [])).toThrow(ModelConfigError);
    expect(() => raft.configure({ servers: 3, candidates: 4 }, [])).toThrow(/candidates must be at most servers \(3\)/);
    expect(raft.configure({ servers: 3 }, []).candidates).toEqual(['s1', 's2', 's3']);
  });

  it('gives servers that never campaign a role of their own, so symmetry permutes them only among themselves', () => {
    const c = raft.configure({ servers: 5, candidates: 2 }, []);
    expect(raft.nodes(c).map((n) => n.role)).toEqual(['server', 'server', 'voter', 'voter', 'voter']);
    expect(raft.symmetry?.roles).toContain('server');
    expect(raft.symmetry?.roles).toContain('voter');
  });

  it('gives servers outside the initial configuration roles of their own, so symmetry keeps the initial configuration', () => {
    const c = raft.configure({ servers: 6, members: 4, candidates: 2, reconfig: 'single', changing: 3 }, []);
    expect(raft.nodes(c).map((n) => n.role)).toEqual(['server', 'server', 'voter', 'voter changing', 'voter outside changing', 'voter outside changing']);
    expect(c.changing).toEqual(['s4', 's5', 's6']);
    expect(raft.nodes(c).every((n) => raft.symmetry?.roles.includes(n.role))).toBe(true);
    expect(c.initial).toEqual([['s1', 's2', 's3', 's4']]);
    expect(raft.configure({ servers: 3 }, []).initial).toEqual([['s1', 's2', 's3']]);
  });

  it('rejects reconfiguration settings that cannot work, naming the parameter', () => {
    expect(() => raft.configure({ servers: 4, members: 3 }, [])).toThrow(/servers outside the configuration need reconfig/);
    expect(() => raft.configure({ servers: 4, members: 5, reconfig: 'single' }, [])).toThrow(/members must be at most servers \(4\)/);
    expect(() => raft.configure({ servers: 4, reconfig: 'lots' }, [])).toThrow(/reconfig must be one of none, single, joint/);
    expect(() => raft.configure({ servers: 4, reconfig: 'joint' }, ['changeBeforeTermCommit'])).toThrow(/needs reconfig single/);
    expect(() => raft.configure({ servers: 4, reconfig: 'single' }, ['jointEarlySwitch'])).toThrow(/needs reconfig joint/);
  });

  it('dispatches messages to their rules', () => {
    const c = cfg();
    const out = raft.handle(c, 's2', st(), { t: 'RV', term: 1, lastIndex: 0, lastTerm: 0 }, 's1', 0);
    expect(out.state.votedFor).toBe('s1');
    const ae = raft.handle(c, 's2', out.state, { t: 'AE', term: 1, prevIndex: 0, prevTerm: 0, entries: [[1, 'v1']], commit: 0 }, 's1', 0);
    expect(ae.state.log).toEqual([[1, 'v1']]);
  });

  it('offers a follower only its timeout; a leader client requests and replication', () => {
    const c = cfg();
    expect(raft.local(c, 's1', st(), 0).map((s) => s.label)).toEqual(['times out, starts election for term 1']);
    const leader = st({ role: 'leader', term: 1, votedFor: 's1', next: [0, 1, 1], match: [0, 0, 0] });
    expect(raft.local(c, 's1', leader, 0).map((s) => s.label)).toEqual(['appends client value v1 at index 1', 'sends heartbeats']);
  });
});
