import { describe, expect, it } from 'vitest';
import { answersWrite, catchUp, initClient, invokeSteps, onAck, onChain, onTailIs, onTaken, onToken, onVal } from '../../../src/model/shared-log/client.js';
import { isAppend, outputAt, replay } from '../../../src/model/shared-log/replay.js';
import { cfg, client, put1, put3 } from './helpers.js';

const cas = cfg([], { workload: 'cas-get' });
const cas1 = { client: 'c1', seq: 0, cmd: { op: 'cas', key: 'x', from: null, to: 1 } } as const;

describe('client: appends', () => {
  it('starts idle with nothing read', () => {
    expect(initClient()).toEqual({ role: 'client', next: 0, phase: 'idle', ask: -1, pos: 0, tries: 0, upTo: 0, filling: false, head: 0, log: [] });
  });

  it('invokes a put by asking the sequencer for a position', () => {
    const [step] = invokeSteps(cfg(), 'c1', client());
    expect(step.state).toEqual({ ...client(), next: 1, phase: 'token', ask: 0, tries: 1 });
    expect(step.send).toEqual([{ to: 'seq', msg: { t: 'next', ask: 0 } }]);
    expect(step.invoke).toEqual(put1.cmd);
    expect(step.label).toBe('invokes put(x, 1)');
    expect(invokeSteps(cfg(), 'c1', step.state)).toEqual([]);
    expect(invokeSteps(cfg(), 'c1', client({ next: 2 }))).toEqual([]);
  });

  it('writes its entry at the position it is given, to the head it knows', () => {
    const s = client({ next: 1, phase: 'token', ask: 0, tries: 1 });
    const r = onToken(cfg(), 'c1', s, 0, 3);
    expect(r.state).toEqual({ ...s, phase: 'write', pos: 3 });
    expect(r.send).toEqual([{ to: 's1', msg: { t: 'write', pos: 3, entry: put1 } }]);
    expect(onToken(cfg(), 'c1', client({ ...s, head: 1 }), 0, 3).send[0].to).toBe('s2');
    expect(onToken(cfg(), 'c1', s, 1, 3).state).toBe(s);
  });

  it('a put returns ok on the tail\'s acknowledgement', () => {
    const s = client({ next: 1, phase: 'write', ask: 0, tries: 1, pos: 3 });
    expect(onAck(cfg(), 'c1', s, 3, 0, 's2')).toEqual({ state: { ...s, phase: 'idle' }, send: [], respond: 'ok' });
    expect(onAck(cfg(), 'c1', s, 2, 0, 's2').state).toBe(s);
  });

  it('a cas replays the log up to its own position to learn whether it swapped', () => {
    const s = client({ next: 1, phase: 'write', ask: 0, tries: 1, pos: 1 });
    const r = onAck(cas, 'c1', s, 1, 0, 's2');
    expect(r.state).toEqual({ ...s, phase: 'read', upTo: 1 });
    expect(r.send).toEqual([{ to: 's2', msg: { t: 'read', pos: 0 } }]);
    const done = onVal(cas, 'c1', r.state, 0, put3);
    expect(done.respond).toBe(false);
    expect(done.state.phase).toBe('idle');
  });

  it('a write that lost its position asks for another while tries last, then is stuck', () => {
    const s = client({ next: 1, phase: 'write', ask: 0, tries: 1, pos: 0 });
    const r = onTaken(cfg(), s, 0, 0, 's1');
    expect(r.state).toEqual({ ...s, phase: 'token', ask: 1, tries: 2 });
    expect(r.send).toEqual([{ to: 'seq', msg: { t: 'next', ask: 1 } }]);
    const last = client({ ...s, tries: 2 });
    expect(onTaken(cfg(), last, 0, 0, 's1')).toEqual({ state: { ...last, phase: 'stuck' }, send: [] });
  });

  it('believes answers only from the chain it knows: a dropped head\'s "taken" is ignored', () => {
    const s = client({ next: 1, phase: 'write', ask: 0, tries: 1, pos: 0, head: 1 });
    expect(answersWrite(cfg(), s, 0, 0, 's1')).toBe(false);
    expect(answersWrite(cfg(), s, 0, 0, 's2')).toBe(true);
    expect(onTaken(cfg(), s, 0, 0, 's1').state).toBe(s);
    expect(onAck(cfg(), 'c1', s, 0, 0, 's1').state).toBe(s);
  });
});

describe('client: reads', () => {
  const get = client({ next: 2, phase: 'tail', ask: 1, log: [] });

  it('invokes a get by asking for the tail', () => {
    const [step] = invokeSteps(cfg(), 'c1', client({ next: 1 }));
    expect(step.state.phase).toBe('tail');
    expect(step.send).toEqual([{ to: 'seq', msg: { t: 'tail', ask: 0 } }]);
    expect(step.invoke).toEqual({ op: 'get', key: 'x' });
  });

  it('reads positions from the tail up to the sequencer\'s tail, then answers from the replay', () => {
    const r = onTailIs(cfg(), 'c1', get, 1, 2);
    expect(r.state).toEqual({ ...get, phase: 'read', upTo: 2 });
    expect(r.send).toEqual([{ to: 's2', msg: { t: 'read', pos: 0 } }]);
    const r1 = onVal(cfg(), 'c1', r.state, 0, put1);
    expect(r1.send).toEqual([{ to: 's2', msg: { t: 'read', pos: 1 } }]);
    const r2 = onVal(cfg(), 'c1', r1.state, 1, put3);
    expect(r2).toEqual({ state: { ...r.state, phase: 'idle', log: [put1, put3] }, send: [], respond: 3 });
  });

  it('answers at once when it has read that far already; a tail of 0 answers nil', () => {
    expect(onTailIs(cfg(), 'c1', get, 1, 0)).toEqual({ state: { ...get, phase: 'idle', upTo: 0 }, send: [], respond: null });
    expect(catchUp(cfg(), 'c1', client({ ...get, phase: 'read', upTo: 1, log: [put1] })).respond).toBe(1);
    expect(onTailIs(cfg(), 'c1', get, 0, 2).state).toBe(get);
  });

  it('fills a position that reads unwritten, once, at the head; junk replays as nothing', () => {
    const s = client({ ...get, phase: 'read', upTo: 1 });
    const r = onVal(cfg(), 'c1', s, 0, null);
    expect(r).toEqual({ state: { ...s, filling: true }, send: [{ to: 's1', msg: { t: 'fill', pos: 0 } }] });
    expect(onVal(cfg(), 'c1', r.state, 0, null).state).toBe(r.state);
    expect(onVal(cfg(), 'c1', r.state, 0, 'junk')).toEqual({ state: { ...s, phase: 'idle', log: ['junk'] }, send: [], respond: null });
  });

  it('ignores answers for positions it is not reading', () => {
    const s = client({ ...get, phase: 'read', upTo: 2, log: [put1] });
    expect(onVal(cfg(), 'c1', s, 0, put3).state).toBe(s);
    const idle = client();
    expect(onVal(cfg(), 'c1', idle, 0, put1).state).toBe(idle);
  });
});

describe('client: a new chain', () => {
  it('resends the waiting write or fill to the new head', () => {
    const w = client({ next: 1, phase: 'write', ask: 0, tries: 1, pos: 2 });
    expect(onChain(cfg(), 'c1', w, 1)).toEqual({ state: { ...w, head: 1 }, send: [{ to: 's2', msg: { t: 'write', pos: 2, entry: put1 } }] });
    const f = client({ next: 2, phase: 'read', ask: 1, upTo: 2, log: [put1], filling: true });
    expect(onChain(cfg(), 'c1', f, 1).send).toEqual([{ to: 's2', msg: { t: 'fill', pos: 1 } }]);
    expect(onChain(cfg(), 'c1', client(), 1)).toEqual({ state: client({ head: 1 }), send: [] });
    expect(onChain(cfg(), 'c1', client({ head: 1 }), 1).send).toEqual([]);
  });
});

describe('replay', () => {
  it('applies entries in position order, skipping junk; a cas is decided where it sits', () => {
    expect(replay([put1, 'junk', put3])).toEqual({ x: 3 });
    expect(replay([put1, put3], 1)).toEqual({ x: 1 });
    expect(outputAt([put1], cas1.cmd, 0)).toBe(true);
    expect(outputAt([put1, cas1], cas1.cmd, 1)).toBe(false);
    expect(outputAt(['junk'], { op: 'get', key: 'x' }, 1)).toBeNull();
    expect(isAppend(put1.cmd)).toBe(true);
    expect(isAppend({ op: 'get', key: 'x' })).toBe(false);
  });
});
