import { describe, expect, it } from 'vitest';
import { initAcceptor } from '../../../src/model/paxos/acceptor.js';
import { describeField, describeState } from '../../../src/model/paxos/describe.js';
import { paxos } from '../../../src/model/paxos/protocol.js';
import { initProposer } from '../../../src/model/paxos/proposer.js';

const cfg = paxos.configure({ acceptors: 3, proposers: 2, values: 2, maxRound: 2 }, []);

describe('describeField', () => {
  it('shows bitmasks of acceptors as the sets they encode, in the state line\'s notation', () => {
    const p = { ...initProposer(), ballot: 1, phase: 2 as const, value: 'v1', promises: 0b110, acks: 0b100, proposed: ['v1'] };
    expect(describeField(cfg, 'promises', p)).toBe('{a2,a3}');
    expect(describeField(cfg, 'acks', p)).toBe('{a3}');
    expect(describeState(cfg, p)).toContain('acks={a3}');
    expect(describeField(cfg, 'proposed', p)).toBe('{v1}');
    expect(describeField(cfg, 'decided', p)).toBe('{}');
    expect(describeField(cfg, 'value', initProposer())).toBe('-');
    expect(describeField(cfg, 'ballot', p)).toBeUndefined();
  });

  it('shows votes as (ballot,value), as messages and state lines do', () => {
    const a = { ...initAcceptor(), promised: 1, accepted: [1, 'v1'] as const };
    expect(describeField(cfg, 'accepted', a)).toBe('(1,v1)');
    expect(describeState(cfg, a)).toBe('promised=1 accepted=(1,v1)');
    expect(describeField(cfg, 'accepted', initAcceptor())).toBe('-');
    expect(describeField(cfg, 'best', { ...initProposer(), best: [2, 'v2'] })).toBe('(2,v2)');
    expect(describeField(cfg, 'promised', a)).toBeUndefined();
  });

  it('is wired into the protocol, so traces use it', () => {
    expect(paxos.describeField?.(cfg, 'p1', 'acks', { ...initProposer(), acks: 0b001 })).toBe('{a1}');
  });
});
