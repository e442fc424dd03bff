import { describe, expect, it } from 'vitest';
import type { NodeView, WorldView } from '../../../src/model/contract.js';
import { onePerPosition, prefixAgreement } from '../../../src/model/shared-log/properties.js';
import type { NodeState, SharedLogMessage } from '../../../src/model/shared-log/types.js';
import { failedOver, holeFilled, junkReplayed, writerLost } from '../../../src/model/shared-log/witnesses.js';
import { cfg, client, put1, put3, seq, server } from './helpers.js';

function world(states: Record<string, NodeState>): WorldView<NodeState, SharedLogMessage> {
  const nodes: NodeView<NodeState>[] = Object.entries(states).map(([id, state], index) => ({ id, role: state.role, index, up: true, state, clock: 0 }));
  return { nodes, messages: [], time: 0 };
}

describe('onePerPosition', () => {
  it('holds while the chain agrees, unwritten positions aside', () => {
    expect(onePerPosition.check(cfg(), world({ seq: seq(), s1: server({ log: [put1, 'junk'] }), s2: server({ log: [put1] }) }))).toBeNull();
    expect(onePerPosition.check(cfg(), world({ s1: server({ log: [null, put3] }), s2: server({ log: [put1] }) }))).toBeNull();
  });

  it('fails when two servers of the chain hold different values at a position', () => {
    const v = onePerPosition.check(cfg(), world({ s1: server({ log: ['junk'] }), s2: server({ log: [put1] }) }));
    expect(v?.message).toBe('position 0 holds two values: junk and put(x, 1)');
    expect(v?.witnesses).toEqual(['s1 holds junk at 0', 's2 holds put(x, 1) at 0']);
  });

  it('leaves out a head that was dropped from the chain', () => {
    expect(onePerPosition.check(cfg(), world({ s1: server({ log: [put1] }), s2: server({ epoch: 2, log: ['junk'] }) }))).toBeNull();
  });
});

describe('prefixAgreement', () => {
  it('holds when one reader\'s log is a prefix of the other\'s', () => {
    expect(prefixAgreement.check(cfg(), world({ c1: client({ log: [put1] }), c2: client({ log: [put1, 'junk'] }) }))).toBeNull();
  });

  it('fails when two readers read different values at a position', () => {
    const v = prefixAgreement.check(cfg(), world({ c1: client({ log: [put1, put3] }), c2: client({ log: [put1, 'junk'] }) }));
    expect(v?.message).toBe('c1 and c2 read different values at position 1');
    expect(v?.witnesses).toEqual(['c1 read put(x, 3) at 1', 'c2 read junk at 1']);
  });
});

describe('witnesses', () => {
  it('name a filled hole at the tail, junk replayed, a writer that lost its position, a failover', () => {
    const quiet = world({ s1: server({ log: ['junk'] }), s2: server(), c1: client() });
    expect([holeFilled, junkReplayed, writerLost, failedOver].map((p) => p.holds(cfg(), quiet))).toEqual([false, false, false, false]);
    const busy = world({ s1: server(), s2: server({ epoch: 2, log: ['junk'] }), c1: client({ tries: 2, log: ['junk'] }) });
    expect([holeFilled, junkReplayed, writerLost, failedOver].map((p) => p.holds(cfg(), busy))).toEqual([true, true, true, true]);
  });
});
