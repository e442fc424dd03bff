import { describe, expect, it } from 'vitest';
import { ItfError, decodeData, encodeData, fromItf, itfText, toItf } from '../../../src/checker/report/itf.js';
import type { Trace } from '../../../src/checker/trace.js';
import { pingPong, toySpec } from '../toys.js';
import { walk } from './walk.js';

const violation = { property: 'neverTwice', message: 'n2 got two pings', witnesses: ['n2 counted 2'] };
const spec = toySpec(pingPong, { network: 'multiset', faults: { duplicate: 1, drop: 1, cuts: 2 }, time: { maxTime: 2, skew: 1 } });
const trace = walk(spec, ['n1 pings', 'cut n1↛n2', 'tick: global time 1', 'duplicate ping n1→n2', 'heal n1→n2', 'deliver ping n1→n2'], violation);

describe('ITF values', () => {
  it('writes integers as #bigint and reads back every JSON-like value', () => {
    expect(encodeData(3)).toEqual({ '#bigint': '3' });
    expect(encodeData(-12)).toEqual({ '#bigint': '-12' });
    const x = { a: [1, 'x', true, null], b: { c: 0.5 }, d: [] };
    expect(encodeData(x)).toEqual({
      a: [{ '#bigint': '1' }, 'x', true, { '#unserializable': 'null' }],
      b: { c: { '#unserializable': '0.5' } },
      d: [],
    });
    expect(decodeData(JSON.parse(JSON.stringify(encodeData(x))), 'x')).toEqual(x);
  });

  it('reads tuples and sets written by other tools as lists', () => {
    expect(decodeData({ '#tup': [{ '#bigint': '1' }, 'v1'] }, 'x')).toEqual([1, 'v1']);
    expect(decodeData({ '#set': ['a', 'b'] }, 'x')).toEqual(['a', 'b']);
  });

  it('names the place of a bad value', () => {
    expect(() => decodeData({ s: { '#bigint': 'many' } }, 'states[2].n1')).toThrow(new ItfError('states[2].n1.s: bad #bigint "many"'));
  });
});

describe('ITF traces', () => {
  const itf = toItf(trace, { usesTime: true, source: 'spec/toy.json' });

  it('has #meta, vars and indexed states, one per world', () => {
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'spec/toy.json', spec: 'toy', protocol: 'ping', usesTime: true, violation });
    expect(itf.vars).toEqual(['n1', 'n2', 'messages', 'cuts', 'faults', 'time', 'action']);
    expect(itf.states.map((s) => s['#meta'].index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(itf.states.map((s) => s.action)).toEqual(['initial state', ...trace.steps.map((s) => s.label)]);
    expect(itf.loop).toBeUndefined();
  });

  it('records per-node variables, messages in flight, cuts, faults used and time', () => {
    const s3 = itf.states[3];
    expect(s3.n2).toEqual({ role: 'node', up: true, clock: { '#bigint': '0' }, state: { sent: false, got: { '#bigint': '0' } }, summary: 'sent=false got=0' });
    expect(s3.messages).toEqual([{ from: 'n1', to: 'n2', msg: { t: 'ping' }, text: 'ping' }]);
    expect(s3.cuts).toEqual({ '#set': [{ '#tup': ['n1', 'n2'] }] });
    expect(s3.faults).toEqual({ cuts: { '#bigint': '1' } });
    expect(s3.time).toEqual({ '#bigint': '1' });
    expect(itf.states[4].messages).toHaveLength(2);
  });

  it('round-trips: the parsed trace equals the original', () => {
    const parsed = fromItf(JSON.parse(itfText(itf)));
    expect(parsed.trace).toEqual(trace);
    expect(parsed.usesTime).toBe(true);
  });

  it('writes a lasso as loop and reads it back', () => {
    const lasso: Trace = { ...trace, violation: undefined, loop: 2, notes: ['fingerprints of a view'] };
    const { violation: _v, ...rest } = lasso;
    const itf2 = toItf(rest, { usesTime: false });
    expect(itf2.loop).toBe(2);
    expect(fromItf(JSON.parse(itfText(itf2))).trace).toEqual(rest);
  });

  it('carries the described fields, the network, the view and the property timeline', () => {
    const described: Trace = {
      ...trace,
      initial: { ...trace.initial, nodes: trace.initial.nodes.map((n) => ({ ...n, fields: { got: `{${n.id}}` } })) },
      network: 'multiset',
      view: 'counters shifted down',
      properties: { list: [{ name: 'neverTwice', description: 'd', kind: 'invariant' }], worlds: [trace.initial, ...trace.steps].map((_, i) => [i === trace.steps.length ? violation : null]) },
    };
    expect(fromItf(JSON.parse(itfText(toItf(described, { usesTime: true })))).trace).toEqual(described);
    const bad = JSON.parse(itfText(toItf(described, { usesTime: true })));
    bad['#meta'].properties.worlds.pop();
    expect(() => fromItf(bad)).toThrow(new ItfError('#meta.properties: expected {list, worlds} with one entry per state'));
  });

  it('is deterministic text', () => {
    expect(itfText(toItf(trace, { usesTime: true }))).toBe(itfText(toItf(trace, { usesTime: true })));
    expect(itfText(itf)).not.toMatch(/timestamp/);
  });

  it('rejects what it cannot read with the place named', () => {
    expect(() => fromItf([])).toThrow(ItfError);
    const broken = JSON.parse(itfText(itf));
    delete broken.states[2].n1.up;
    expect(() => fromItf(broken)).toThrow('states[2].n1.up: expected a boolean');
    const foreign = { '#meta': { format: 'ITF' }, vars: ['x'], states: [{ '#meta': { index: 0 }, x: 1 }] };
    expect(() => fromItf(foreign)).toThrow(/#meta.nodes/);
  });

  it('refuses a node id that clashes with a world variable', () => {
    const t: Trace = { ...trace, initial: { ...trace.initial, nodes: [{ ...trace.initial.nodes[0], id: 'time' }] } };
    expect(() => toItf(t, { usesTime: false })).toThrow(ItfError);
  });
});
