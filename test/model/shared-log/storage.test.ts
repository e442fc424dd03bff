import { describe, expect, it } from 'vitest';
import { isHead, isTail, liveChain, sameValue, slotAt, store, successor } from '../../../src/model/shared-log/chain.js';
import { takeoverSteps } from '../../../src/model/shared-log/failover.js';
import { initServer, onFill, onForward, onRead, onWrite, pass } from '../../../src/model/shared-log/storage.js';
import { cfg, put1, put3, server } from './helpers.js';

describe('chain', () => {
  it('s1 heads, the last server is the tail; the second heads once it took over', () => {
    expect(isHead(cfg(), 's1', server())).toBe(true);
    expect(isHead(cfg(), 's2', server())).toBe(false);
    expect(isHead(cfg(), 's2', server({ epoch: 2 }))).toBe(true);
    expect(isTail(cfg(), 's2')).toBe(true);
    expect(isTail(cfg(), 's1')).toBe(false);
    expect(successor(cfg([], { servers: 3 }), 's2')).toBe('s3');
    expect(liveChain(cfg([], { servers: 3 }), 2)).toEqual(['s2', 's3']);
    expect(liveChain(cfg(), 1)).toEqual(['s1', 's2']);
  });

  it('stores a position, growing the log with unwritten ones; compares values by writer and request', () => {
    expect(store([], 2, 'junk')).toEqual([null, null, 'junk']);
    expect(slotAt(['junk'], 3)).toBeNull();
    expect(sameValue(put1, { ...put1 })).toBe(true);
    expect(sameValue(put1, put3)).toBe(false);
    expect(sameValue('junk', put1)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
  });
});

describe('storage', () => {
  it('starts empty in epoch 1', () => {
    expect(initServer()).toEqual({ role: 'server', epoch: 1, log: [] });
  });

  it('the head stores a write at a free position and forwards it; the answer waits for the tail', () => {
    const r = onWrite(cfg(), 's1', server(), 0, put1);
    expect(r.state).toEqual({ role: 'server', epoch: 1, log: [put1] });
    expect(r.send).toEqual([{ to: 's2', msg: { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' } }]);
  });

  it('a write that finds another value loses (taken); a duplicate does nothing; a server that is not head ignores writes', () => {
    const s = server({ log: ['junk'] });
    expect(onWrite(cfg(), 's1', s, 0, put1)).toEqual({ state: s, send: [{ to: 'c1', msg: { t: 'taken', pos: 0, seq: 0 } }] });
    const mine = server({ log: [put1] });
    expect(onWrite(cfg(), 's1', mine, 0, put1)).toEqual({ state: mine, send: [] });
    expect(onWrite(cfg(), 's2', server(), 0, put1)).toEqual({ state: server(), send: [] });
  });

  it('bug ackBeforeTail: the head acknowledges as it stores', () => {
    const r = onWrite(cfg(['ackBeforeTail']), 's1', server(), 0, put1);
    expect(r.send).toEqual([
      { to: 's2', msg: { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' } },
      { to: 'c1', msg: { t: 'ack', pos: 0, seq: 0 } },
    ]);
  });

  it('the tail stores a forwarded write and acknowledges the writer; a duplicate does nothing', () => {
    const r = onForward(cfg(), 's2', server(), { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' });
    expect(r.state.log).toEqual([put1]);
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'ack', pos: 0, seq: 0 } }]);
    expect(onForward(cfg(), 's2', r.state, { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' })).toEqual({ state: r.state, send: [] });
  });

  it('a middle server stores and forwards on', () => {
    const r = onForward(cfg([], { servers: 3 }), 's2', server(), { t: 'fwd', epoch: 1, pos: 1, val: put1, kind: 'write', for: 'c1' });
    expect(r.state.log).toEqual([null, put1]);
    expect(r.send).toEqual([{ to: 's3', msg: { t: 'fwd', epoch: 1, pos: 1, val: put1, kind: 'write', for: 'c1' } }]);
  });

  it('a server that took over refuses the old chain\'s forwards (the fence)', () => {
    const s = server({ epoch: 2 });
    expect(onForward(cfg(), 's2', s, { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' })).toEqual({ state: s, send: [] });
  });

  it('a forwarded write that finds another value tells its writer it lost', () => {
    const s = server({ log: ['junk'] });
    expect(onForward(cfg(), 's2', s, { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' })).toEqual({ state: s, send: [{ to: 'c1', msg: { t: 'taken', pos: 0, seq: 0 } }] });
  });

  it('a fill at a free position stores junk and sends it down the chain to the reader', () => {
    const r = onFill(cfg(), 's1', server(), 1, 'c2');
    expect(r.state.log).toEqual([null, 'junk']);
    expect(r.send).toEqual([{ to: 's2', msg: { t: 'fwd', epoch: 1, pos: 1, val: 'junk', kind: 'fill', for: 'c2' } }]);
  });

  it('a fill loses to a written value (write-once): the value goes down the chain to the reader instead', () => {
    const s = server({ log: [put1] });
    expect(onFill(cfg(), 's1', s, 0, 'c2')).toEqual({ state: s, send: [{ to: 's2', msg: { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'fill', for: 'c2' } }] });
    const tail = server({ log: [put1] });
    expect(onForward(cfg(), 's2', tail, { t: 'fwd', epoch: 1, pos: 0, val: 'junk', kind: 'fill', for: 'c2' })).toEqual({ state: tail, send: [{ to: 'c2', msg: { t: 'val', pos: 0, val: put1 } }] });
    expect(onFill(cfg(), 's2', server(), 0, 'c2')).toEqual({ state: server(), send: [] });
  });

  it('the tail (as head after a takeover) answers a fill itself', () => {
    const r = onFill(cfg(), 's2', server({ epoch: 2 }), 0, 'c2');
    expect(r.state.log).toEqual(['junk']);
    expect(r.send).toEqual([{ to: 'c2', msg: { t: 'val', pos: 0, val: 'junk' } }]);
  });

  it('bug fillOverwrites: a fill replaces a written value at the head and down the chain', () => {
    const r = onFill(cfg(['fillOverwrites']), 's1', server({ log: [put1] }), 0, 'c2');
    expect(r.state.log).toEqual(['junk']);
    const t = onForward(cfg(['fillOverwrites']), 's2', server({ log: [put1] }), { t: 'fwd', epoch: 1, pos: 0, val: 'junk', kind: 'fill', for: 'c2' });
    expect(t.state.log).toEqual(['junk']);
    expect(t.send).toEqual([{ to: 'c2', msg: { t: 'val', pos: 0, val: 'junk' } }]);
  });

  it('the tail answers reads, unwritten as null; other servers do not', () => {
    const s = server({ log: [put1] });
    expect(onRead(cfg(), 's2', s, 0, 'c1').send).toEqual([{ to: 'c1', msg: { t: 'val', pos: 0, val: put1 } }]);
    expect(onRead(cfg(), 's2', s, 1, 'c1').send).toEqual([{ to: 'c1', msg: { t: 'val', pos: 1, val: null } }]);
    expect(onRead(cfg(), 's1', s, 0, 'c1').send).toEqual([]);
  });

  it('pass: the tail acknowledges writes and answers fills; others forward with their epoch', () => {
    expect(pass(cfg(), 's2', server(), 0, put3, 'write', 'c2')).toEqual([{ to: 'c2', msg: { t: 'ack', pos: 0, seq: 0 } }]);
    expect(pass(cfg(), 's2', server(), 0, put3, 'fill', 'c1')).toEqual([{ to: 'c1', msg: { t: 'val', pos: 0, val: put3 } }]);
    expect(pass(cfg([], { servers: 3 }), 's2', server({ epoch: 2 }), 0, put3, 'fill', 'c1')).toEqual([{ to: 's3', msg: { t: 'fwd', epoch: 2, pos: 0, val: put3, kind: 'fill', for: 'c1' } }]);
  });
});

describe('failover', () => {
  it('the second server takes over once, in epoch 2, telling every client', () => {
    const [step] = takeoverSteps(cfg(), 's2', server());
    expect(step.state).toEqual({ role: 'server', epoch: 2, log: [] });
    expect(step.send).toEqual([
      { to: 'c1', msg: { t: 'chain', head: 1 } },
      { to: 'c2', msg: { t: 'chain', head: 1 } },
    ]);
    expect(step.label).toBe('drops s1 from the chain and takes over as head (epoch 2)');
    expect(takeoverSteps(cfg(), 's2', step.state)).toEqual([]);
  });

  it('only the second server, and only with failover on', () => {
    expect(takeoverSteps(cfg(), 's1', server())).toEqual([]);
    expect(takeoverSteps(cfg([], { failover: false }), 's2', server())).toEqual([]);
  });
});
