import { freeze } from 'immer';
import type { NodeView, WorldView } from '../../../src/model/contract.js';
import { initServer, multipaxos } from '../../../src/model/multipaxos/protocol.js';
import type { MultiPaxosConfig, MultiPaxosMessage, NodeState, ServerState, Value } from '../../../src/model/multipaxos/types.js';

export const cfg = (bugs: string[] = [], params: Record<string, number | string> = {}): MultiPaxosConfig =>
  freeze(multipaxos.configure({ replicas: 3, candidates: 2, maxRound: 2, slots: 3, clients: 2, ops: 1, keys: 1, workload: 'put-get', retries: 1, ...params }, bugs), true);

export const server = (s: Partial<ServerState> = {}): ServerState => freeze({ ...initServer(), ...s }, true);

export const put1: Value = { client: 'c1', seq: 0, cmd: { op: 'put', key: 'x', value: 1 } };
export const put2: Value = { client: 'c2', seq: 0, cmd: { op: 'put', key: 'x', value: 2 } };
export const get1: Value = { client: 'c1', seq: 1, cmd: { op: 'get', key: 'x' } };

export function world(states: Record<string, NodeState>): WorldView<NodeState, MultiPaxosMessage> {
  const nodes: NodeView<NodeState>[] = Object.entries(states).map(([id, state], index) => ({
    id,
    role: state.role === 'client' ? 'client' : 'server',
    index,
    up: true,
    state,
    clock: 0,
  }));
  return { nodes, messages: [], time: 0 };
}
