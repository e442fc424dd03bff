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
