import { describe, expect, it } from 'vitest';
import { applyCommitted } from '../../../src/model/raft-kv/apply.js';
import { cas1, cfg, cmd, getX, leader, noop, put1, srv } from './helpers.js';

describe('applying committed entries', () => {
  it('applies in log order up to the commit index, skipping no-ops; the leader answers each client', () => {
    const log = [noop(1), cmd(1, 'c1', 0, put1), cmd(1, 'c1', 1, getX)];
    const r = applyCommitted(cfg(), leader(1, log, {}, { commit: 3 }));
    expect(r.state.applied).toBe(3);
    expect(r.state.store).toEqual({ x: 1 });
    expect(r.state.sessions).toEqual({ c1: [1, 1] });
    expect(r.send).toEqual([
      { to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } },
      { to: 'c1', msg: { t: 'resp', seq: 1, out: 1 } },
    ]);
  });

  it('a follower applies silently, and nothing past what is committed', () => {
    const s = srv({}, { log: [cmd(1, 'c1', 0, put1), cmd(1, 'c1', 1, getX)], commit: 1 });
    const r = applyCommitted(cfg(), s);
    expect(r.state).toEqual({ ...s, applied: 1, store: { x: 1 }, sessions: { c1: [0, 'ok'] } });
    expect(r.send).toEqual([]);
    expect(applyCommitted(cfg(), r.state).state).toBe(r.state);
  });

  it('the session table applies a command committed twice once, and answers the copy with the first output', () => {
    const log = [cmd(1, 'c1', 0, cas1), cmd(1, 'c1', 0, cas1)];
    const r = applyCommitted(cfg(), leader(1, log, {}, { commit: 2 }));
    expect(r.state.store).toEqual({ x: 1 });
    expect(r.send).toEqual([
      { to: 'c1', msg: { t: 'resp', seq: 0, out: true } },
      { to: 'c1', msg: { t: 'resp', seq: 0, out: true } },
    ]);
  });

  it('bug noSessionTable: the copy runs again, and its answer is false', () => {
    const log = [cmd(1, 'c1', 0, cas1), cmd(1, 'c1', 0, cas1)];
    const r = applyCommitted(cfg({}, ['noSessionTable']), leader(1, log, {}, { commit: 2 }));
    expect(r.state.sessions).toEqual({});
    expect(r.send.map((x) => x.msg)).toEqual([
      { t: 'resp', seq: 0, out: true },
      { t: 'resp', seq: 0, out: false },
    ]);
  });

  it('an older command of a client than its session holds is not applied', () => {
    const s = srv({ sessions: { c1: [1, 'ok'] } }, { log: [cmd(1, 'c1', 0, put1)], commit: 1 });
    expect(applyCommitted(cfg(), s).state.store).toEqual({});
  });
});
