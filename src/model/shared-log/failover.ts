/**
 * Dropping the head from the chain (CORFU reconfigures the projection; a
 * chain-replication master drops a failed server): the second server
 * decides the head has failed and becomes head of the chain that remains,
 * in epoch 2, telling every client. It cannot tell a crashed head from a
 * slow one, so the step is enabled at any moment, once. From then on it
 * refuses the old head's forwards, so whatever the old head stored and
 * had not passed on is not in the log: which is safe exactly when no
 * writer was answered for it (bug ackBeforeTail answers it).
 */
import type { LocalStep, NodeId } from '../contract.js';
import { serverIndex } from './chain.js';
import type { ServerState, SharedLogConfig, SharedLogMessage } from './types.js';

export function takeoverSteps(config: SharedLogConfig, self: NodeId, s: ServerState): LocalStep<ServerState, SharedLogMessage>[] {
  if (!config.failover || serverIndex(config, self) !== 1 || s.epoch !== 1) return [];
  return [
    {
      label: `drops ${config.servers[0]} from the chain and takes over as head (epoch 2)`,
      state: { ...s, epoch: 2 },
      send: config.clients.map((to) => ({ to, msg: { t: 'chain', head: 1 } as const })),
    },
  ];
}
