/** The library entry point: a protocol of one's own, checked without the CLI. */
import { describe, expect, it } from 'vitest';
import { checkSpec, protocols, validateSpec, type AnyProtocol, type Protocol } from '../src/index.js';

/** Two nodes that each take a number; the invariant (wrongly) claims they never both hold 1. */
const mine: Protocol<null, number, never, number> = {
  name: 'mine',
  summary: 'two counters',
  params: [],
  bugs: [],
  usesTime: false,
  invariants: [
    {
      name: 'notBothOne',
      description: 'the two counters are never both 1',
      check: (_c, w) => (w.nodes.every((n) => n.state === 1) ? { message: 'both are 1', witnesses: w.nodes.map((n) => `${n.id}=1`) } : null),
    },
  ],
  predicates: [],
  configure: () => null,
  nodes: () => [
    { id: 'x', role: 'node' },
    { id: 'y', role: 'node' },
  ],
  init: () => 0,
  handle: (_c, _s, st) => ({ state: st, send: [] }),
  local: (_c, _s, st) => (st < 2 ? [{ label: 'increments', state: st + 1, send: [] }] : []),
  persisted: (_c, st) => st,
  recover: (_c, _s, p) => p,
  describeMessage: () => '',
  describeState: (_c, _s, st) => String(st),
};

describe('library API', () => {
  it('checks a protocol that is not in the registry', () => {
    const lookup = (name: string) => (name === 'mine' ? (mine as unknown as AnyProtocol) : undefined);
    const spec = validateSpec('mine.json', { protocol: 'mine', expect: { violates: 'notBothOne' } }, lookup);
    const r = checkSpec(spec);
    expect(r.asExpected).toBe(true);
    expect(r.traceLength).toBe(2);
    expect(r.trace?.violation?.witnesses).toEqual(['x=1', 'y=1']);
  });

  it('lists the built-in protocols', () => {
    expect(protocols().map((p) => p.name)).toEqual(expect.arrayContaining(['paxos', 'raft', 'lease']));
  });
});

describe('library API: clients and histories', () => {
  it('checks a user protocol built from the exported client role and kv machine for linearizability', async () => {
    const lib = await import('../src/index.js');
    type St = import('../src/index.js').ClientState | { readonly role: 'server'; readonly store: import('../src/index.js').KvState; readonly reads: number };
    type Msg = import('../src/index.js').ClientRequest | import('../src/index.js').ClientReply;
    // One server (on a multiset network: no redelivery, which a server without request numbers would apply twice);
    // with `forgetful` it answers every second get as if the key were absent.
    const single = (forgetful: boolean): Protocol<import('../src/index.js').ClientConfig, St, Msg, St> => ({
      name: 'single', summary: 'one server', params: [], bugs: [], usesTime: false, invariants: [], predicates: [],
      configure: () => ({ servers: ['srv'], workload: lib.kvWorkload(['c1', 'c2'], 2, 1, 'put-get'), retries: 0 }),
      nodes: () => [{ id: 'srv', role: 'server' }, { id: 'c1', role: 'client' }, { id: 'c2', role: 'client' }],
      init: (_c, self) => (self === 'srv' ? { role: 'server', store: {}, reads: 0 } : lib.initClient()),
      handle: (_c, _self, s, m, from) => {
        if (s.role === 'client') return m.t === 'resp' ? lib.onReply(s, m) : { state: s, send: [] };
        if (m.t !== 'req') return { state: s, send: [] };
        const [store, out] = lib.kv.apply(s.store, m.cmd);
        const lie = forgetful && m.cmd.op === 'get' && s.reads % 2 === 1;
        return { state: { ...s, store, reads: s.reads + (m.cmd.op === 'get' ? 1 : 0) }, send: [{ to: from, msg: { t: 'resp', seq: m.seq, out: lie ? null : out } }] };
      },
      local: (c, self, s) => (s.role === 'client' ? lib.invokeSteps(c, self, s) : []),
      persisted: (_c, s) => s,
      recover: (_c, _s, p) => p,
      describeMessage: (m) => m.t,
      describeState: (_c, _s, s) => s.role,
      object: () => lib.kv,
    });
    const load = (p: Protocol<import('../src/index.js').ClientConfig, St, Msg, St>, expect: unknown) =>
      validateSpec('single.json', { protocol: 'single', network: 'multiset', expect }, (n) => (n === 'single' ? (p as unknown as AnyProtocol) : undefined));
    expect(checkSpec(load(single(false), 'pass')).verdict).toBe('pass');
    const bad = checkSpec(load(single(true), { violates: 'linearizable' }));
    expect(bad.asExpected).toBe(true);
    expect(bad.trace?.violation?.witnesses[0]).toBe('history (time →; [ invoked, ] returned, … pending):');
  });

  it('checks a recorded history from the package root', async () => {
    const { checkHistory } = await import('../src/index.js');
    const text = '{"type":"invoke","client":"a","command":{"op":"put","key":"k","value":1}}\n{"type":"return","client":"a","output":"ok"}\n{"type":"invoke","client":"b","command":{"op":"get","key":"k"}}\n{"type":"return","client":"b","output":1}';
    expect(checkHistory('kv', text).ok).toBe(true);
    expect(checkHistory('kv', text.replace('"output":1', '"output":null')).ok).toBe(false);
  });
});
