/** Tiny protocols whose timed behaviour is known in closed form. */
import type { Invariant, Protocol } from '../../../src/model/contract.js';

/**
 * Echo: the leader c takes a client request as the next position, sends it
 * to r, and commits it when r's ack returns. On disk c keeps what is
 * committed; a restart forgets what was only accepted.
 */
export interface EchoState {
  readonly accepted: number;
  readonly committed: number;
}
export type EchoMsg = { readonly t: 'rep' | 'ack'; readonly i: number };

const committedNeverAhead: Invariant<null, EchoState, EchoMsg> = {
  name: 'committedNeverAhead',
  description: 'c never commits a position it has not accepted',
  check: (_c, w) => {
    const c = w.nodes[0].state;
    return c.committed > c.accepted ? { message: `committed ${c.committed} > accepted ${c.accepted}`, witnesses: [] } : null;
  },
};

export function echo(options: { readonly commitAhead?: boolean } = {}): Protocol<null, EchoState, EchoMsg, EchoState> {
  return {
    name: 'echo',
    summary: 'one leader, one replica, commit on ack',
    params: [],
    bugs: [],
    usesTime: false,
    invariants: [committedNeverAhead],
    predicates: [],
    timers: [{ name: 'client', description: 'a request reaches c' }],
    configure: () => null,
    nodes: () => [
      { id: 'c', role: 'leader' },
      { id: 'r', role: 'replica' },
    ],
    init: () => ({ accepted: 0, committed: 0 }),
    handle: (_c, self, s, m, from) => {
      if (self === 'r') return { state: s, send: m.t === 'rep' ? [{ to: from, msg: { t: 'ack', i: m.i } }] : [] };
      if (m.t !== 'ack' || m.i !== s.committed + 1) return { state: s, send: [] };
      // The bug: commit one more than acknowledged, so the invariant can catch it.
      const committed = options.commitAhead === true && m.i >= 3 ? m.i + 1 : m.i;
      return { state: { ...s, committed }, send: [] };
    },
    local: (_c, self, s) =>
      self === 'c'
        ? [{ label: `accepts request ${s.accepted + 1}`, timer: 'client', state: { ...s, accepted: s.accepted + 1 }, send: [{ to: 'r', msg: { t: 'rep', i: s.accepted + 1 } }] }]
        : [],
    persisted: (_c, s) => s,
    recover: (_c, _self, p) => ({ accepted: p.committed, committed: p.committed }),
    observe: (_c, self, s) => (self === 'c' ? { leader: true, term: 1, accepted: s.accepted, committed: s.committed } : {}),
    describeMessage: (m) => `${m.t}(${m.i})`,
    describeState: (_c, _self, s) => `accepted=${s.accepted} committed=${s.committed}`,
  };
}

/** One node whose only step waits for the "tick" timer and counts. */
export const ticker: Protocol<null, number, never, number> = {
  name: 'ticker',
  summary: 'counts timer firings',
  params: [],
  bugs: [],
  usesTime: false,
  invariants: [],
  predicates: [],
  timers: [{ name: 'tick', description: 'fires periodically' }],
  configure: () => null,
  nodes: () => [{ id: 't', role: 'node' }],
  init: () => 0,
  handle: (_c, _self, s) => ({ state: s, send: [] }),
  local: (_c, _self, s) => [{ label: 'ticks', timer: 'tick', state: s + 1, send: [] }],
  persisted: (_c, s) => s,
  recover: (_c, _self, p) => p,
  describeMessage: () => '',
  describeState: (_c, _self, s) => String(s),
};
