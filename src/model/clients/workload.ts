/**
 * Small bounded workloads: each client runs `ops` commands. Writes carry
 * distinct values (client c's j-th command writes c·ops + j + 1), so a read
 * names the write it saw; commands go in pairs over the same key, key after
 * key, so a client reads what it (or another client) just wrote.
 */
import type { NodeId } from '../contract.js';
import type { KvCommand } from '../machines/kv.js';

export const WORKLOADS = ['put-get', 'get-put', 'cas-get'] as const;
export type WorkloadKind = (typeof WORKLOADS)[number];

export const KEYS = ['x', 'y', 'z'] as const;

export function kvWorkload(clients: readonly NodeId[], ops: number, keys: number, kind: WorkloadKind): Record<NodeId, KvCommand[]> {
  const out: Record<NodeId, KvCommand[]> = {};
  clients.forEach((c, ci) => {
    out[c] = Array.from({ length: ops }, (_, j): KvCommand => {
      const key = KEYS[Math.floor(j / 2) % keys];
      const value = ci * ops + j + 1;
      const write = kind === 'get-put' ? j % 2 === 1 : j % 2 === 0;
      if (!write) return { op: 'get', key };
      return kind === 'cas-get' ? { op: 'cas', key, from: null, to: value } : { op: 'put', key, value };
    });
  });
  return out;
}
