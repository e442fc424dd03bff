/**
 * Clients in the world, on a toy whose space is counted by hand: two
 * clients each read a register once from a server that answers `answer`.
 * Per client: idle; waiting with its request in flight; waiting with the
 * reply in flight too (the set network keeps both); done. Without a history
 * that is 4 × 4 = 16 worlds. The history also records who returned before
 * whom: where both clients invoked, c1 may have invoked after c2 returned
 * (c2 done: 3 worlds more) or c2 after c1 returned (3 more): 22 worlds.
 */
import { describe, expect, it } from 'vitest';
import { bfs } from '../../../src/checker/bfs.js';
import { ghostOperations, invoke, respond } from '../../../src/checker/linearizability/ghost.js';
import { checkSpec } from '../../../src/checker/run.js';
import { validateSpec } from '../../../src/checker/spec.js';
import { System, SystemError } from '../../../src/checker/system.js';
import type { Data, Protocol } from '../../../src/model/contract.js';
import { register } from '../../../src/model/machines/register.js';

type S = 'idle' | 'waiting' | 'done' | 'server';
type M = { readonly t: 'read' } | { readonly t: 'value'; readonly v: Data };

function readers(answer: Data, object: boolean, extra: Partial<Protocol<null, S, M, S>> = {}): Protocol<null, S, M, S> {
  return {
    name: 'readers',
    summary: 'two clients read once',
    params: [],
    bugs: [],
    usesTime: false,
    invariants: [],
    predicates: [],
    configure: () => null,
    nodes: () => [
      { id: 'srv', role: 'server' },
      { id: 'c1', role: 'client' },
      { id: 'c2', role: 'client' },
    ],
    init: (_c, self) => (self === 'srv' ? 'server' : 'idle'),
    handle: (_c, _self, s, m, from) => {
      if (s === 'server') return { state: s, send: [{ to: from, msg: { t: 'value', v: answer } }] };
      if (s === 'waiting' && m.t === 'value') return { state: 'done', send: [], ...(object ? { respond: m.v } : {}) };
      return { state: s, send: [] };
    },
    local: (_c, _self, s) => (s === 'idle' ? [{ label: 'reads', state: 'waiting', send: [{ to: 'srv', msg: { t: 'read' } }], ...(object ? { invoke: { op: 'read' } } : {}) }] : []),
    persisted: (_c, s) => s,
    recover: (_c, _self, p) => p,
    describeMessage: (m) => (m.t === 'read' ? 'read' : `value ${String(m.v)}`),
    describeState: (_c, _self, s) => s,
    ...(object ? { object: () => register } : {}),
    ...extra,
  };
}

const load = (p: Protocol<null, S, M, S>, raw: Record<string, unknown> = {}) =>
  validateSpec('spec/x/readers.json', { protocol: 'readers', expect: 'pass', ...raw }, (n) => (n === 'readers' ? (p as never) : undefined));

describe('the ghost history in the world', () => {
  it('adds exactly the worlds that differ in who returned before whom: 16 without, 22 with', () => {
    const without = load(readers(null, false));
    expect(without.invariants).toEqual([]);
    expect(bfs(new System(without.protocol, without.config, without.settings), without.invariants, { limits: without.limits }).states).toBe(16);
    const withH = load(readers(null, true));
    expect(withH.invariants.map((i) => i.name)).toEqual(['linearizable', 'sequentiallyConsistent']);
    const r = checkSpec(withH);
    expect(r.verdict).toBe('pass');
    expect(r.states).toBe(22);
  });

  it('leaves the world of a protocol without clients exactly as it was: no slot, same layout', () => {
    const spec = load(readers(null, false));
    const sys = new System(spec.protocol, spec.config, spec.settings);
    expect(sys.histSlot).toBe(-1);
    expect(sys.countBase).toBe(1 + 3 * 3);
    expect(sys.view(sys.initialWorld()).history).toBeUndefined();
    const withH = load(readers(null, true));
    const sys2 = new System(withH.protocol, withH.config, withH.settings);
    expect(sys2.histSlot).toBe(1 + 3 * 3);
    expect(sys2.countBase).toBe(sys.countBase + 1);
  });

  it('finds a read of a value never written, with the history drawn at the end of the trace', () => {
    const spec = load(readers(7, true), { expect: { violates: 'linearizable' } });
    const r = checkSpec(spec);
    expect(r.verdict).toBe('violation');
    expect(r.property).toBe('linearizable');
    expect(r.traceLength).toBe(3);
    const v = r.trace?.violation;
    expect(v?.message).toBe("the clients' history is not linearizable: no legal order respects real time: c1's read returned 7, but from the initial state the register returns nil");
    expect(v?.witnesses).toEqual([
      'history (time →; [ invoked, ] returned, … pending):',
      '  c1  [#1 read → 7]',
      'longest legal order: nothing',
      'then #1 read → 7 (the first of the rest to return) must be placed, and no order places it',
    ]);
    expect(r.trace?.steps.at(-1)?.world.history).toEqual({ c1: [{ command: { op: 'read' }, seen: {}, output: 7 }] });
  });

  it('refuses a client that invokes twice without a response, naming the node', () => {
    const twice = readers(null, true, {
      local: (_c, _self, s) => (s === 'idle' || s === 'waiting' ? [{ label: 'reads', state: 'waiting', send: [{ to: 'srv', msg: { t: 'read' } }], invoke: { op: 'read' } }] : []),
    });
    const spec = load(twice);
    expect(() => checkSpec(spec)).toThrow(SystemError);
    expect(() => checkSpec(spec)).toThrow(/readers: c1 invokes while its previous operation is still outstanding/);
  });

  it('refuses client events from a protocol that declares no object', () => {
    const spec = load({ ...readers(null, true), object: undefined } as Protocol<null, S, M, S>);
    expect(() => checkSpec(spec)).toThrow(/c1's local step "reads" carries a client event, but the protocol declares no object/);
  });

  it('refuses a history property where there are no clients', () => {
    expect(() => load(readers(null, false), { properties: ['linearizable'] })).toThrow(/"linearizable" checks the clients' history, and readers has no clients/);
  });
});

describe('ghost histories', () => {
  it('record, per operation, how many operations of each other client had returned', () => {
    let h = invoke({}, 'c1', 'a');
    h = respond(h, 'c1', 1);
    h = invoke(h, 'c2', 'b');
    h = invoke(h, 'c1', 'c');
    expect(h).toEqual({ c1: [{ command: 'a', seen: {}, output: 1 }, { command: 'c', seen: {} }], c2: [{ command: 'b', seen: { c1: 1 } }] });
  });

  it('lay out on a timeline with the same real-time order', () => {
    // c1: a returns; c2 invokes b (saw a); c1 invokes c (did not see b); b returns.
    let h = respond(invoke({}, 'c1', 'a'), 'c1', 1);
    h = invoke(h, 'c2', 'b');
    h = invoke(h, 'c1', 'c');
    h = respond(h, 'c2', 2);
    const ops = ghostOperations(h);
    const [a, c, b] = ops;
    expect(ops.map((o) => o.command)).toEqual(['a', 'c', 'b']);
    expect(a.ret! < b.call).toBe(true);
    expect(b.ret! > c.call).toBe(true);
    expect(c.ret).toBeNull();
  });
});
