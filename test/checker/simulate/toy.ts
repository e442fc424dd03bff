/**
 * A toy protocol whose shortest counterexample is known: n1 pings n2, n2
 * answers, and n1 marks itself done on the answer; the invariant "n1 is
 * never done" breaks in exactly 3 steps at the least (ping, deliver, deliver
 * the answer). Every node may also fidget (a counter mod 3), so random walks
 * wander and find the violation late, and shrinking has noise to remove.
 */
import type { Invariant, Protocol } from '../../../src/model/contract.js';
import type { LoadedSpec } from '../../../src/checker/spec.js';
import { NO_FAULTS, type NetworkKind } from '../../../src/checker/settings.js';

export interface ToyState {
  readonly pinged: boolean;
  readonly done: boolean;
  readonly fidget: number;
}
export type ToyMsg = { readonly t: 'ping' } | { readonly t: 'pong' };

export const neverDone: Invariant<null, ToyState, ToyMsg> = {
  name: 'neverDone',
  description: 'n1 never gets its answer',
  check: (_c, w) => (w.nodes[0].state.done ? { message: 'n1 got its answer', witnesses: [] } : null),
};

export function toy(fidgeters: number): Protocol<null, ToyState, ToyMsg, ToyState> {
  const ids = ['n1', 'n2', ...Array.from({ length: fidgeters }, (_, i) => `f${i + 1}`)];
  return {
    name: 'toy',
    summary: 'ping, pong, and fidgeting',
    params: [],
    bugs: [],
    usesTime: false,
    invariants: [neverDone],
    predicates: [],
    configure: () => null,
    nodes: () => ids.map((id) => ({ id, role: id.startsWith('f') ? 'fidgeter' : 'node' })),
    init: () => ({ pinged: false, done: false, fidget: 0 }),
    handle: (_c, self, s, m, from) => {
      if (self === 'n2' && m.t === 'ping') return { state: s, send: [{ to: from, msg: { t: 'pong' } }] };
      if (self === 'n1' && m.t === 'pong' && !s.done) return { state: { ...s, done: true }, send: [] };
      return { state: s, send: [] };
    },
    local: (_c, self, s) => [
      ...(self === 'n1' && !s.pinged ? [{ label: 'pings', state: { ...s, pinged: true }, send: [{ to: 'n2', msg: { t: 'ping' } as const }] }] : []),
      { label: 'fidgets', state: { ...s, fidget: (s.fidget + 1) % 3 }, send: [] },
    ],
    persisted: (_c, s) => s,
    recover: (_c, _self, p) => p,
    describeMessage: (m) => m.t,
    describeState: (_c, _self, s) => `pinged=${s.pinged} done=${s.done} fidget=${s.fidget}`,
  };
}

export function toySpec(protocol: Protocol<null, ToyState, ToyMsg, ToyState>, expect: LoadedSpec['expect'], network: NetworkKind = 'set'): LoadedSpec {
  const p = protocol as unknown as LoadedSpec['protocol'];
  return {
    file: 'toy.json',
    name: 'toy',
    description: '',
    protocol: p,
    params: {},
    bugs: [],
    config: null,
    settings: { network, faults: NO_FAULTS, initialCuts: [], time: null, dropStale: true },
    invariants: p.invariants,
    limits: { maxDepth: 1000, maxStates: 1_000_000, timeLimit: 60 },
    bounded: false,
    symmetry: false,
    expect,
    raw: {},
  };
}
