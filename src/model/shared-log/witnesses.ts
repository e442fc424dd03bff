/**
 * Reachability witnesses: the situations the correct specs must show they
 * reach, so that a pass is not a pass of a log where no hole is ever filled,
 * no writer ever loses its position and no failover happens.
 */
import type { Predicate, WorldView } from '../contract.js';
import type { NodeState, SharedLogConfig, SharedLogMessage } from './types.js';

type View = WorldView<NodeState, SharedLogMessage>;

function some(world: View, test: (s: NodeState) => boolean): boolean {
  return world.nodes.some((n) => test(n.state));
}

export const holeFilled: Predicate<SharedLogConfig, NodeState, SharedLogMessage> = {
  name: 'holeFilled',
  description: 'a reader has filled a position with junk and the tail holds it',
  holds: (config, world) => world.nodes.some((n) => n.id === config.servers[config.servers.length - 1] && n.state.role === 'server' && n.state.log.includes('junk')),
};

export const writerLost: Predicate<SharedLogConfig, NodeState, SharedLogMessage> = {
  name: 'writerLost',
  description: 'a writer lost its position (to a fill) and was given another',
  holds: (_config, world) => some(world, (s) => s.role === 'client' && s.tries >= 2),
};

export const failedOver: Predicate<SharedLogConfig, NodeState, SharedLogMessage> = {
  name: 'failedOver',
  description: 'the second server has dropped the head and leads the chain',
  holds: (_config, world) => some(world, (s) => s.role === 'server' && s.epoch === 2),
};

export const junkReplayed: Predicate<SharedLogConfig, NodeState, SharedLogMessage> = {
  name: 'junkReplayed',
  description: 'a client has replayed past a junk position',
  holds: (_config, world) => some(world, (s) => s.role === 'client' && s.log.includes('junk')),
};
