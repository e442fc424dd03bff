import { describe, expect, it } from 'vitest';
import type { NodeView, WorldView } from '../../../src/model/contract.js';
import { fencedWrites, granted, handedOver, mutualExclusion, outOfOrder, written } from '../../../src/model/lock-service/properties.js';
import type { LockConfig, LockMessage, LockState, Write } from '../../../src/model/lock-service/types.js';
import { cfg, client, inst, leased } from './helpers.js';

function world(config: LockConfig, states: Record<string, LockState>, clocks: Record<string, number> = {}, down: string[] = []): WorldView<LockState, LockMessage> {
  const ids = [...config.instances, ...config.clients, config.storage];
  const nodes: NodeView<LockState>[] = ids.map((id, index) => ({
    id,
    role: 'x',
    index,
    up: !down.includes(id),
    state: states[id] ?? (id.startsWith('i') ? inst() : id === config.storage ? { role: 'storage', writes: [] } : client()),
    clock: clocks[id] ?? 0,
  }));
  return { nodes, messages: [], time: 3 };
}

const holding = (token: number, start = 0) => client({ n: 1, phase: 'holding', token, start });

describe('lock-service properties', () => {
  it('mutualExclusion: two clients believing they hold the lock at once is a violation', () => {
    const w = world(cfg(), { c1: holding(1), c2: holding(2) });
    expect(mutualExclusion.check(cfg(), w)?.message).toBe('c1 and c2 both believe they hold the lock at global time 3');
    expect(mutualExclusion.check(cfg(), world(cfg(), { c1: holding(1) }))).toBeNull();
  });

  it('mutualExclusion: a holder whose lease ran out by its clock, or that is down, holds nothing', () => {
    const w = world(leased(), { c1: holding(1, 0), c2: holding(2, 2) }, { c1: 1, c2: 2 });
    expect(mutualExclusion.check(leased(), w)).toBeNull();
    const both = world(leased(), { c1: holding(1, 0), c2: holding(2, 0) });
    expect(mutualExclusion.check(leased(), both)?.witnesses).toEqual(['c1 holds the lock with token 1, lease until 1 by its clock 0', 'c2 holds the lock with token 2, lease until 1 by its clock 0']);
    expect(mutualExclusion.check(cfg(), world(cfg(), { c1: holding(1), c2: holding(2) }, {}, ['c2']))).toBeNull();
  });

  it('fencedWrites: a token below one accepted before is a violation; equal or rising tokens are not', () => {
    const ok: Write[] = [['c1', 1], ['c1', 1], ['c2', 4]];
    expect(outOfOrder(ok)).toBeNull();
    const bad: Write[] = [['c1', 1], ['c2', 4], ['c1', 1]];
    expect(outOfOrder(bad)).toEqual([['c2', 4], ['c1', 1]]);
    const v = fencedWrites.check(cfg(), world(cfg(), { st: { role: 'storage', writes: bad } }));
    expect(v?.message).toBe("st accepted c1's write with token 1 after c2's with token 4");
    expect(v?.witnesses).toEqual(['accepted writes in order: c1@1, c2@4, c1@1']);
    expect(fencedWrites.check(cfg(), world(cfg(), { st: { role: 'storage', writes: ok } }))).toBeNull();
  });

  it('predicates: granted, written, handedOver', () => {
    const none = world(cfg(), {});
    expect([granted, written, handedOver].map((p) => p.holds(cfg(), none))).toEqual([false, false, false]);
    const one = world(cfg(), { c1: holding(1), st: { role: 'storage', writes: [['c1', 1]] } });
    expect([granted, written, handedOver].map((p) => p.holds(cfg(), one))).toEqual([true, true, false]);
    const two = world(cfg(), { st: { role: 'storage', writes: [['c1', 1], ['c2', 2]] } });
    expect(handedOver.holds(cfg(), two)).toBe(true);
  });
});
