import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import type { NodeView, WorldView } from '../../../src/model/contract.js';
import { initAcceptor } from '../../../src/model/paxos/acceptor.js';
import { paxos } from '../../../src/model/paxos/protocol.js';
import { agreement, validity } from '../../../src/model/paxos/properties.js';
import { initProposer } from '../../../src/model/paxos/proposer.js';
import type { PaxosMessage, PaxosState } from '../../../src/model/paxos/types.js';

const config = paxos.configure({ acceptors: 3, proposers: 2, values: 2, maxRound: 2 }, []);
function world(states: Record<string, Partial<PaxosState>>): WorldView<PaxosState, PaxosMessage> {
  const nodes: NodeView<PaxosState>[] = paxos.nodes(config).map((d, index) => ({
    id: d.id,
    role: d.role,
    index,
    up: true,
    clock: 0,
    state: { ...(d.role === 'acceptor' ? initAcceptor() : initProposer()), ...states[d.id] } as PaxosState,
  }));
  return freeze({ nodes, messages: [], time: 0 }, true);
}

describe('Paxos properties', () => {
  it('agreement holds when one value is chosen and learned', () => {
    const w = world({ a1: { accepted: [1, 'v1'] }, a2: { accepted: [1, 'v1'] }, p1: { decided: ['v1'], proposed: ['v1'] } });
    expect(agreement.check(config, w)).toBeNull();
  });

  it('agreement fails when learners learned different values, naming them', () => {
    const w = world({ p1: { decided: ['v1'], proposed: ['v1'] }, p2: { decided: ['v2'], proposed: ['v2'] } });
    const v = agreement.check(config, w);
    expect(v?.message).toBe('two values chosen: v1 and v2');
    expect(v?.witnesses).toEqual(['p1 learned v1 from a majority of acks', 'p2 learned v2 from a majority of acks']);
  });

  it('agreement fails when a majority of acceptors holds a vote for a value other than one learned', () => {
    const w = world({ a1: { accepted: [4, 'v2'] }, a3: { accepted: [4, 'v2'] }, p1: { decided: ['v1'], proposed: ['v1'] } });
    expect(agreement.check(config, w)?.witnesses).toContain('v2 chosen by {a1,a3} at ballot 4');
  });

  it('validity fails when an accepted value was never proposed', () => {
    expect(validity.check(config, world({ a1: { accepted: [1, 'v2'] }, p1: { proposed: ['v1'] } }))?.witnesses).toEqual([
      'a1 accepted v2 at ballot 1, which no proposer proposed',
    ]);
    expect(validity.check(config, world({ a1: { accepted: [1, 'v1'] }, p1: { proposed: ['v1'] } }))).toBeNull();
  });

  it('decided() lists the values learned', () => {
    expect(paxos.decided?.(config, world({ p2: { decided: ['v2'] } }))).toEqual(['v2']);
  });
});
