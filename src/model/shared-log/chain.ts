/**
 * Where a server sits in the chain. The chain is the servers in config
 * order; after a failover (failover.ts) the first is dropped and the second
 * is the head. A server knows only its own epoch: the old head never learns
 * it was dropped, which is why its successor fences it off.
 */
import type { NodeId } from '../contract.js';
import type { ServerState, SharedLogConfig, Slot, Value } from './types.js';

export function serverIndex(config: SharedLogConfig, self: NodeId): number {
  return config.servers.indexOf(self);
}

/** Whether this server takes writes and fills from clients: the first, or the second once it took over. */
export function isHead(config: SharedLogConfig, self: NodeId, s: ServerState): boolean {
  const i = serverIndex(config, self);
  return i === 0 || (i === 1 && s.epoch === 2);
}

/** The tail answers readers and acknowledges writes: the last server, in either chain. */
export function isTail(config: SharedLogConfig, self: NodeId): boolean {
  return serverIndex(config, self) === config.servers.length - 1;
}

/** The server after this one: where its writes go on. */
export function successor(config: SharedLogConfig, self: NodeId): NodeId {
  return config.servers[serverIndex(config, self) + 1];
}

/** The servers of the chain that stands: all of them, or all but the first once the second took over. */
export function liveChain(config: SharedLogConfig, epochOfSecond: number): readonly NodeId[] {
  return epochOfSecond === 2 ? config.servers.slice(1) : config.servers;
}

export function slotAt(log: readonly Slot[], pos: number): Slot {
  return pos < log.length ? log[pos] : null;
}

/** The log with pos holding val (grown with unwritten positions as needed). */
export function store(log: readonly Slot[], pos: number, val: Value): readonly Slot[] {
  const out: Slot[] = [...log];
  while (out.length <= pos) out.push(null);
  out[pos] = val;
  return out;
}

/** One value, whoever wrote it: the same entry (client and request number) or both junk. */
export function sameValue(a: Slot, b: Slot): boolean {
  if (a === null || b === null) return a === b;
  if (a === 'junk' || b === 'junk') return a === b;
  return a.client === b.client && a.seq === b.seq;
}
