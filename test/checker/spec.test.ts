import { describe, expect, it } from 'vitest';
import { parseSpec, SpecError } from '../../src/checker/spec.js';
import { findProtocol } from '../../src/model/registry.js';

const base = { protocol: 'paxos', params: { acceptors: 3, proposers: 2, values: 2, maxRound: 1 }, expect: 'pass' };
const load = (spec: unknown, file = 'spec/paxos/x.json') => parseSpec(file, JSON.stringify(spec), findProtocol);
const problem = (spec: unknown): string => {
  try {
    load(spec);
  } catch (e) {
    if (e instanceof SpecError) return e.message;
    throw e;
  }
  throw new Error('expected a SpecError');
};

describe('spec validation', () => {
  it('loads a good spec with defaults filled in', () => {
    const s = load(base);
    expect(s.name).toBe('paxos/x');
    expect(s.settings.network).toBe('set');
    expect(s.invariants.map((i) => i.name)).toEqual(['agreement', 'validity']);
    expect(s.expect).toEqual({ kind: 'pass' });
  });

  it.each([
    [{ ...base, protocol: 'zab' }, 'spec/paxos/x.json: protocol: unknown protocol "zab"'],
    [{ ...base, params: { acceptors: 9 } }, 'params.acceptors: must be an integer from 1 to 7 (got 9)'],
    [{ ...base, params: { learners: 2 } }, 'params.learners: unknown parameter of paxos'],
    [{ ...base, bugs: ['nope'] }, 'bugs: unknown bug "nope" of paxos'],
    [{ ...base, network: 'tcp' }, 'network: must be one of set, multiset, fifo'],
    [{ ...base, faults: { crash: -1 } }, 'faults.crash: must be an integer from 0 to 1000 (got -1)'],
    [{ ...base, faults: { restart: 1 } }, 'faults.restart: a node must crash before it restarts'],
    [{ ...base, faults: { drop: 1 } }, 'faults.drop: the set network already loses'],
    [{ ...base, faults: { crash: 1, nodes: ['a9'] } }, 'faults.nodes[0]: unknown node "a9"'],
    [{ ...base, topology: { cut: [['a1', 'a1']] } }, 'topology.cut[0]: a node cannot be cut from itself'],
    [{ ...base, time: { maxTime: 3 } }, 'time: paxos does not use time'],
    [{ ...base, properties: ['liveness'] }, 'properties[0]: unknown property "liveness"'],
    [{ ...base, bounds: { maxDepth: -1 } }, 'bounds.maxDepth: must be an integer ≥ 0 (got -1)'],
    [{ ...base, bounds: { timeLimit: 0 } }, 'bounds.timeLimit: must be a number of seconds > 0'],
    [{ ...base, expect: { violates: 'termination' } }, 'expect.violates: "termination" is not among the properties checked'],
    [{ ...base, expect: undefined }, 'expect: required'],
    [{ ...base, colour: 'red' }, 'colour: unknown field'],
  ])('rejects %j', (spec, message) => {
    expect(problem(spec)).toContain(message);
  });

  it('rejects text that is not JSON, naming the file', () => {
    expect(() => parseSpec('spec/bad.json', '{ nope', findProtocol)).toThrow(/^spec\/bad\.json: not valid JSON/);
  });

  it('takes time.nodes, the nodes whose clocks drift, and names an unknown one', () => {
    const lease = { protocol: 'lease', expect: 'pass' };
    expect(load({ ...lease, time: { maxTime: 1, skew: 1, nodes: ['n2'] } }).settings.time).toEqual({ maxTime: 1, skew: 1, nodes: ['n2'] });
    expect(load({ ...lease, time: { maxTime: 1, skew: 1 } }).settings.time).toEqual({ maxTime: 1, skew: 1 });
    expect(problem({ ...lease, time: { maxTime: 1, skew: 1, nodes: ['n9'] } })).toContain('time.nodes[0]: unknown node "n9"');
    expect(problem({ ...lease, time: { maxTime: 1, drift: 1 } })).toContain('time.drift: unknown field (known: maxTime, skew, nodes)');
  });

  it('turns reachesOnly into cuts in both directions', () => {
    const s = load({ ...base, topology: { reachesOnly: { a1: ['p1'] } } });
    expect(s.settings.initialCuts).toContainEqual(['a1', 'p2']);
    expect(s.settings.initialCuts).toContainEqual(['p2', 'a1']);
    expect(s.settings.initialCuts).not.toContainEqual(['a1', 'p1']);
  });
});
