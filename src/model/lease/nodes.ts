/** Node sets as bit masks of node indexes (n1 is bit 0), so states stay small and canonical. */
import type { NodeId } from '../contract.js';
import type { LeaseConfig } from './types.js';

export function nodeBit(config: LeaseConfig, id: NodeId): number {
  const i = config.nodes.indexOf(id);
  return i < 0 ? 0 : 1 << i;
}

export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export function maskNames(config: LeaseConfig, mask: number): string {
  return `{${config.nodes.filter((_, i) => (mask >> i) & 1).join(',')}}`;
}
