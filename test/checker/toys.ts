/** Tiny protocols whose state spaces can be counted by hand. */
import type { Invariant, Protocol } from '../../src/model/contract.js';
import type { LoadedSpec } from '../../src/checker/spec.js';
import { NO_FAULTS, type FaultBudget, type NetworkKind } from '../../src/checker/settings.js';

/** What every toy shares: no parameters, bugs, time or properties of its own, and a disk that keeps the whole state. */
function toy<S, M>(
  fields: Omit<Protocol<null, S, M, S>, 'params' | 'bugs' | 'usesTime' | 'invariants' | 'predicates' | 'configure' | 'persisted' | 'recover'> &
    Partial<Pick<Protocol<null, S, M, S>, 'invariants'>>,
): Protocol<null, S, M, S> {
  return {
    params: [],
    bugs: [],
    usesTime: false,
    invariants: [],
    predicates: [],
    configure: () => null,
    persisted: (_c, s) => s,
    recover: (_c, _self, p) => p,
    ...fields,
  };
}

/** n1 may send one ping to n2; n2 counts pings it receives (up to 2). */
export interface PingState {
  readonly sent: boolean;
  readonly got: number;
}
export type Ping = { readonly t: 'ping' };

export const pingPong: Protocol<null, PingState, Ping, PingState> = toy<PingState, Ping>({
  name: 'ping',
  summary: 'one ping',
  nodes: () => [
    { id: 'n1', role: 'node' },
    { id: 'n2', role: 'node' },
  ],
  init: () => ({ sent: false, got: 0 }),
  handle: (_c, _self, s) => (s.got >= 2 ? { state: s, send: [] } : { state: { ...s, got: s.got + 1 }, send: [] }),
  local: (_c, self, s) =>
    self === 'n1' && !s.sent ? [{ label: 'pings', state: { ...s, sent: true }, send: [{ to: 'n2', msg: { t: 'ping' } }] }] : [],
  describeMessage: () => 'ping',
  describeState: (_c, _self, s) => `sent=${s.sent} got=${s.got}`,
});

/** One node counting up by 1 or 2 to a cap; the invariant says the count is never `bad`. */
export function counter(cap: number, bad: number): Protocol<null, number, never, number> {
  const neverBad: Invariant<null, number, never> = {
    name: 'neverBad',
    description: `the count is never ${bad}`,
    check: (_c, w) => (w.nodes[0].state === bad ? { message: `count is ${bad}`, witnesses: [] } : null),
  };
  return toy<number, never>({
    name: 'counter',
    summary: 'counts',
    invariants: [neverBad],
    nodes: () => [{ id: 'c', role: 'node' }],
    init: () => 0,
    handle: (_c, _self, s) => ({ state: s, send: [] }),
    local: (_c, _self, s) => [
      ...(s + 1 <= cap ? [{ label: '+1', state: s + 1, send: [] }] : []),
      ...(s + 2 <= cap ? [{ label: '+2', state: s + 2, send: [] }] : []),
    ],
    describeMessage: () => '',
    describeState: (_c, _self, s) => String(s),
  });
}

export function toySpec<C, S, M, P>(
  protocol: Protocol<C, S, M, P>,
  opts: { network?: NetworkKind; faults?: Partial<FaultBudget>; cuts?: [string, string][]; time?: { maxTime: number; skew: number; nodes?: readonly string[] } } = {},
): LoadedSpec {
  const p = protocol as unknown as LoadedSpec['protocol'];
  return {
    file: 'toy.json',
    name: 'toy',
    description: '',
    protocol: p,
    params: {},
    bugs: [],
    config: p.configure({}, []),
    settings: {
      network: opts.network ?? 'set',
      faults: { ...NO_FAULTS, ...opts.faults },
      initialCuts: opts.cuts ?? [],
      time: opts.time ?? null,
      dropStale: true,
    },
    invariants: p.invariants,
    limits: { maxDepth: 1000, maxStates: 1_000_000, timeLimit: 60 },
    bounded: false,
    symmetry: false,
    expect: { kind: 'pass' },
    raw: {},
  };
}

/**
 * a numbers requests 1..cap and sends each or skips it; b keeps the highest
 * it has seen and answers every request with it; a ignores answers (stale).
 * A request below b's highest changes nothing: with `normalize` it becomes
 * request 0, so worlds differing only in which old requests wait merge.
 */
export type EpochMsg = { readonly t: 'req'; readonly r: number } | { readonly t: 'ans'; readonly f: number };
export function epochs(cap: number, normalize: boolean): Protocol<null, number, EpochMsg, number> {
  return toy<number, EpochMsg>({
    name: 'epochs',
    summary: 'old requests',
    nodes: () => [
      { id: 'a', role: 'node' },
      { id: 'b', role: 'node' },
    ],
    init: () => 0,
    handle: (_c, self, s, m) =>
      self === 'b' && m.t === 'req' ? { state: Math.max(s, m.r), send: [{ to: 'a', msg: { t: 'ans', f: Math.max(s, m.r) } }] } : { state: s, send: [] },
    local: (_c, self, s) =>
      self === 'a' && s < cap
        ? [
            { label: 'sends', state: s + 1, send: [{ to: 'b', msg: { t: 'req', r: s + 1 } }] },
            { label: 'skips', state: s + 1, send: [] },
          ]
        : [],
    stale: (_c, self, _s, m) => self === 'a' && m.t === 'ans',
    ...(normalize ? { normalize: (_c: null, _self: string, s: number, m: EpochMsg): EpochMsg => (m.t === 'req' && m.r < s ? { t: 'req', r: 0 } : m) } : {}),
    describeMessage: (m) => (m.t === 'req' ? `req ${m.r}` : `ans ${m.f}`),
    describeState: (_c, _self, s) => String(s),
  });
}
