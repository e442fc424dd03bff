import { describe, expect, it } from 'vitest';
import { execute, learn } from '../../../src/model/multipaxos/executor.js';
import { cfg, get1, put1, put2, server } from './helpers.js';

describe('executor', () => {
  it('applies chosen slots in order and answers each client', () => {
    const r = learn(cfg(), server({ chosen: [put1] }), 1, get1);
    expect(r.state).toEqual({ ...server(), chosen: [put1, get1], executed: 0b11, store: { x: 1 }, sessions: { c1: [1, 1] } });
    expect(r.send).toEqual([
      { to: 'c1', msg: { t: 'resp', seq: 0, out: 'ok' } },
      { to: 'c1', msg: { t: 'resp', seq: 1, out: 1 } },
    ]);
  });

  it('never runs past a slot not yet chosen', () => {
    const r = learn(cfg(), server(), 1, put2);
    expect(r.state).toEqual({ ...server(), chosen: [null, put2] });
    expect(r.send).toEqual([]);
  });

  it('a no-op changes nothing and answers nobody', () => {
    const r = learn(cfg(), server({ chosen: [null, put2] }), 0, 'noop');
    expect(r.state.executed).toBe(0b11);
    expect(r.state.store).toEqual({ x: 2 });
    expect(r.send).toEqual([{ to: 'c2', msg: { t: 'resp', seq: 0, out: 'ok' } }]);
  });

  it('applies a request chosen twice (a retry that reached two leaders) only once', () => {
    const s = server({ chosen: [put1, put2, put1], executed: 0b11, store: { x: 2 }, sessions: { c1: [0, 'ok'], c2: [0, 'ok'] } });
    const r = execute(cfg(), s);
    expect(r.state).toEqual({ ...s, executed: 0b111 });
    expect(r.send).toEqual([]);
  });

  it('returns the same state when nothing can run', () => {
    const s = server({ chosen: [put1], executed: 1, store: { x: 1 }, sessions: { c1: [0, 'ok'] } });
    expect(execute(cfg(), s).state).toBe(s);
  });

  it('bug executeOutOfOrder: applies a chosen slot before earlier ones are chosen', () => {
    const r = learn(cfg(['executeOutOfOrder']), server(), 1, put2);
    expect(r.state).toEqual({ ...server(), chosen: [null, put2], executed: 0b10, store: { x: 2 }, sessions: { c2: [0, 'ok'] } });
    expect(r.send).toEqual([{ to: 'c2', msg: { t: 'resp', seq: 0, out: 'ok' } }]);
  });
});
