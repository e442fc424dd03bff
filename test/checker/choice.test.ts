/** Choice on receipt: handle() may return labelled outcomes, each a successor (counted by hand). */
import { describe, expect, it } from 'vitest';
import { naiveBfs } from '../../bench/naive.js';
import { checkSpec } from '../../src/checker/run.js';
import { validateSpec } from '../../src/checker/spec.js';
import type { AnyProtocol, Protocol, Received } from '../../src/model/contract.js';

type Coin = null | 'heads' | 'tails';
type State = { readonly tossed: boolean } | { readonly coin: Coin };
type Msg = { readonly t: 'toss' };

/** n1 may ask n2 once to toss a coin; n2 chooses heads or tails on receipt. `refuse`: n2 takes no toss at all (an empty choice). */
function coin(refuse: boolean): Protocol<null, State, Msg, State, Received<State, Msg>> {
  return {
    name: 'coin',
    summary: 'a coin tossed on receipt',
    params: [],
    bugs: [],
    usesTime: false,
    invariants: [
      {
        name: 'neverTails',
        description: 'the coin never shows tails',
        check: (_c, w) => (w.nodes.some((n) => 'coin' in n.state && n.state.coin === 'tails') ? { message: 'tails', witnesses: [] } : null),
      },
    ],
    predicates: [],
    configure: () => null,
    nodes: () => [
      { id: 'n1', role: 'asker' },
      { id: 'n2', role: 'tosser' },
    ],
    init: (_c, self) => (self === 'n1' ? { tossed: false } : { coin: null }),
    handle: (_c, _self, s) => {
      if (!('coin' in s) || s.coin !== null) return { state: s, send: [] };
      if (refuse) return [];
      return [
        { label: 'lands heads', state: { coin: 'heads' }, send: [] },
        { label: 'lands tails', state: { coin: 'tails' }, send: [] },
      ];
    },
    local: (_c, self, s) => (self === 'n1' && 'tossed' in s && !s.tossed ? [{ label: 'asks for a toss', state: { tossed: true }, send: [{ to: 'n2', msg: { t: 'toss' } }] }] : []),
    persisted: (_c, s) => s,
    recover: (_c, _self, p) => p,
    describeMessage: () => 'toss',
    describeState: (_c, _self, s) => JSON.stringify(s),
  };
}

const spec = (raw: Record<string, unknown>, refuse = false) =>
  validateSpec('coin.json', { protocol: 'coin', ...raw }, () => coin(refuse) as unknown as AnyProtocol);

describe('choice on receipt', () => {
  it('makes each outcome a successor: set network', () => {
    // (idle, null); (asked, null, toss); (asked, heads, toss); (asked, tails, toss).
    // Transitions: the ask; the toss delivered with 2 outcomes; each coin taking the toss again, unchanged.
    const r = checkSpec(spec({ properties: [], expect: 'pass' }));
    expect([r.states, r.transitions]).toEqual([4, 5]);
    const naive = naiveBfs(spec({ properties: [], expect: 'pass' }), 60);
    expect([naive.states, naive.transitions]).toEqual([4, 5]);
  });

  it('makes each outcome a successor: multiset network (delivery consumes)', () => {
    const r = checkSpec(spec({ network: 'multiset', properties: [], expect: 'pass' }));
    expect([r.states, r.transitions]).toEqual([4, 3]);
  });

  it('treats an empty choice as a message the node cannot take now', () => {
    const r = checkSpec(spec({ properties: [], expect: 'pass' }, true));
    expect([r.states, r.transitions]).toEqual([2, 1]);
  });

  it('names the chosen outcome in the trace', () => {
    const r = checkSpec(spec({ expect: { violates: 'neverTails' } }));
    expect(r.asExpected).toBe(true);
    expect(r.trace?.steps.map((s) => s.label)).toEqual(['n1 asks for a toss', 'deliver toss n1→n2: n2 lands tails']);
    expect(r.trace?.steps[1].action).toMatchObject({ kind: 'deliver', node: 'n2', choice: 'lands tails' });
  });
});
