/**
 * The Paxos.tla mirrors of bench/mirror: their rules, their exact state
 * counts (TLC's and SPIN's for the Lamport mirror), and the message-passing
 * mirror's count against the formula in bench/mirror/message-passing.ts.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/library.js';
import { initial, lamportPaxos, next, phase1a, phase1b, phase2a, phase2b, type State } from '../../bench/mirror/lamport.js';
import { messagePassingPaxos, onAccept, onPrepare, onPromise, phase2a as leader2a, type AcceptorState, type LeaderState } from '../../bench/mirror/message-passing.js';
import { configure, withMsg, type Msg } from '../../bench/mirror/messages.js';
import type { AnyProtocol } from '../../src/index.js';

const config = (ballots: number, bugs: string[] = []) => configure({ ballots }, bugs);

async function run(protocol: AnyProtocol, ballots: number, bugs: string[] = []) {
  const report = await check([{ protocol, params: { ballots }, bugs, network: 'set', expect: bugs.length === 0 ? 'pass' : { violates: 'agreement' } }], { out: false });
  return report.results[0];
}

const oneB = (acc: string, bal: number, mbal = -1, mval: 'v1' | 'v2' | null = null): Msg => ({ type: '1b', acc, bal, mbal, mval });
const with1bs = (s: State, ...ms: Msg[]): State => ({ ...s, msgs: ms.reduce(withMsg, s.msgs) });

describe('the Lamport mirror (one node, Paxos.tla actions as local steps)', () => {
  it('Phase1a sends 1a(b), and is a stutter step once sent', () => {
    const s = phase1a(initial, 1).state;
    expect(s.msgs).toEqual([{ type: '1a', bal: 1 }]);
    expect(phase1a(s, 1).state).toBe(s);
  });

  it('Phase1b needs a 1a above maxBal, and reports the last vote', () => {
    expect(phase1b(initial, 0, 0)).toBeNull();
    const s = phase1a(initial, 1).state;
    const voted: State = { ...s, maxBal: [0, -1, -1], maxVBal: [0, -1, -1], maxVal: ['v2', null, null] };
    const step = phase1b(voted, 0, 1);
    expect(step?.state.maxBal).toEqual([1, -1, -1]);
    expect(step?.state.msgs).toContainEqual(oneB('a1', 1, 0, 'v2'));
    expect(phase1b(step?.state ?? voted, 0, 1)).toBeNull();
  });

  it('Phase2a proposes only the highest reported vote, once per ballot', () => {
    const c = config(3);
    const s = with1bs(initial, oneB('a1', 2, 0, 'v1'), oneB('a2', 2, 1, 'v2'));
    expect(phase2a(c, s, 2, 'v1')).toBeNull();
    const step = phase2a(c, s, 2, 'v2');
    expect(step?.state.msgs).toContainEqual({ type: '2a', bal: 2, val: 'v2' });
    expect(phase2a(c, step?.state ?? s, 2, 'v2')).toBeNull();
    expect(phase2a(c, with1bs(initial, oneB('a1', 2)), 2, 'v1')).toBeNull();
    expect(phase2a(config(3, ['ignore1bValues']), s, 2, 'v1')).not.toBeNull();
  });

  it('Phase2b votes unless it promised a higher ballot (the noMaxBalCheck bug votes anyway)', () => {
    const s: State = { ...initial, maxBal: [1, -1, -1], msgs: [{ type: '2a', bal: 0, val: 'v1' }] };
    expect(phase2b(config(2), s, 0, 0, 'v1')).toBeNull();
    expect(phase2b(config(2, ['noMaxBalCheck']), s, 0, 0, 'v1')?.state.maxVal).toEqual(['v1', null, null]);
    const voted = phase2b(config(2), s, 1, 0, 'v1')?.state;
    expect(voted?.msgs).toContainEqual({ type: '2b', acc: 'a2', bal: 0, val: 'v1' });
    expect(voted === undefined ? null : phase2b(config(2), voted, 1, 0, 'v1')?.state).toBe(voted);
  });

  it('has exactly TLC\'s and SPIN\'s 3,921 states at 2 ballots', async () => {
    const r = await run(lamportPaxos, 2);
    expect([r.verdict, r.states, r.transitions]).toEqual(['pass', 3921, 22994]);
  });

  it('has exactly 185,369 states and 1,316,583 transitions at 3 ballots', async () => {
    const r = await run(lamportPaxos, 3);
    expect([r.verdict, r.states, r.transitions]).toEqual(['pass', 185369, 1316583]);
  });

  it.each(['noMaxBalCheck', 'ignore1bValues'])('%s: two values get chosen at 2 ballots, not at 1', async (bug) => {
    expect((await run(lamportPaxos, 1, [bug])).verdict).toBe('pass');
    const r = await run(lamportPaxos, 2, [bug]);
    expect([r.verdict, r.property]).toEqual(['violation', 'agreement']);
  });
});

/** Paxos.tla's reachable states, by a plain search over the Lamport mirror's next(), keyed by JSON text. */
function lamportStates(ballots: number): State[] {
  const c = config(ballots);
  const seen = new Map<string, State>([[JSON.stringify(initial), initial]]);
  const queue: State[] = [initial];
  while (queue.length > 0) {
    const s = queue.pop() as State;
    for (const step of next(c, s)) {
      const key = JSON.stringify(step.state);
      if (!seen.has(key)) {
        seen.set(key, step.state);
        queue.push(step.state);
      }
    }
  }
  return [...seen.values()];
}

describe('the message-passing mirror (acceptors and one leader per ballot)', () => {
  const acceptor: AcceptorState = { role: 'acceptor', maxBal: -1, maxVBal: -1, maxVal: null };
  const leader: LeaderState = { role: 'leader', bal: 1, promises: [], sent2a: false };

  it('an acceptor promises above maxBal and votes at or above it, telling the ballot\'s leader', () => {
    const promised = onPrepare(acceptor, 'a2', 1);
    expect(promised.send).toEqual([{ to: 'l1', msg: oneB('a2', 1) }]);
    expect(onPrepare(promised.state as AcceptorState, 'a2', 1).send).toEqual([]);
    expect(onAccept(config(2), promised.state as AcceptorState, 'a2', 0, 'v1').send).toEqual([]);
    expect(onAccept(config(2), promised.state as AcceptorState, 'a2', 1, 'v1').send).toEqual([{ to: 'l1', msg: { type: '2b', acc: 'a2', bal: 1, val: 'v1' } }]);
  });

  it('a leader keeps its promises until it sends its one 2a, then forgets them', () => {
    const one = onPromise(leader, oneB('a3', 1), 'a3').state as LeaderState;
    const two = onPromise(one, oneB('a1', 1, 0, 'v2'), 'a1').state as LeaderState;
    expect(two.promises.map((m) => (m.type === '1b' ? m.acc : ''))).toEqual(['a1', 'a3']);
    expect(leader2a(config(2), one, 'v1')).toBeNull();
    expect(leader2a(config(2), two, 'v1')).toBeNull();
    const sent = leader2a(config(2), two, 'v2');
    expect(sent?.state).toEqual({ ...leader, sent2a: true });
    expect(sent?.send).toHaveLength(3);
    expect(onPromise(sent?.state as LeaderState, oneB('a2', 1), 'a2').state).toBe(sent?.state);
  });

  it('has Σ over Paxos.tla states of Π over ballots without a 2a of 2^(their 1b count) worlds at 2 ballots', async () => {
    let expected = 0;
    for (const s of lamportStates(2)) {
      let product = 1;
      for (let b = 0; b < 2; b++) {
        if (s.msgs.some((m) => m.type === '2a' && m.bal === b)) continue;
        product *= 2 ** s.msgs.filter((m) => m.type === '1b' && m.bal === b).length;
      }
      expected += product;
    }
    expect(expected).toBe(7056);
    const r = await run(messagePassingPaxos, 2);
    expect([r.verdict, r.states]).toEqual(['pass', expected]);
  });

  it('finds the noMaxBalCheck bug too', async () => {
    const r = await run(messagePassingPaxos, 2, ['noMaxBalCheck']);
    expect([r.verdict, r.property]).toEqual(['violation', 'agreement']);
  });
});
