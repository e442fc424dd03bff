import { freeze } from 'immer';
import type { NodeView, ParamValues, WorldView } from '../../../src/model/contract.js';
import { initLease } from '../../../src/model/lease/lifecycle.js';
import { lease } from '../../../src/model/lease/protocol.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from '../../../src/model/lease/types.js';

/** 3 nodes, n1 and n2 candidates, D = 5, ε = 1: the holder acts for D − 2 = 3, a granter promises D + 2 = 7. */
export function cfg(params: ParamValues = {}, bugs: readonly string[] = []): LeaseConfig {
  const all = { nodes: 3, candidates: 2, duration: 5, margin: 1, maxRound: 2, renew: true, ...params };
  return freeze(lease.configure(all, bugs), true);
}

export function st(over: Partial<LeaseState> = {}, config: LeaseConfig = cfg()): LeaseState {
  return freeze({ ...initLease(config), ...over }, true);
}

export function node(id: string, state: LeaseState, clock: number, up = true): NodeView<LeaseState> {
  return { id, role: 'node', index: Number(id.slice(1)) - 1, up, state, clock };
}

export function world(time: number, nodes: NodeView<LeaseState>[]): WorldView<LeaseState, LeaseMessage> {
  return freeze({ time, nodes, messages: [] }, true);
}
