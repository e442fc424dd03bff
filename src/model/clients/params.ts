/** The parameters every protocol with clients takes, and the client half of its configuration built from them. */
import type { NodeId, ParamDef, ParamValues } from '../contract.js';
import { kvWorkload, WORKLOADS, type WorkloadKind } from './workload.js';

/** clients, ops, keys and workload; `ops` defaults to `ops` (at most `maxOps`). */
export function workloadParams(ops: number, maxOps = 4): readonly ParamDef[] {
  return [
    { name: 'clients', description: 'client nodes c1, c2, ... (0: none, and no history)', type: 'int', default: 2, min: 0, max: 3 },
    { name: 'ops', description: 'operations each client runs, one at a time', type: 'int', default: ops, min: 1, max: maxOps },
    { name: 'keys', description: 'keys the workload spreads over (x, y, z)', type: 'int', default: 1, min: 1, max: 3 },
    { name: 'workload', description: 'per client, alternating: put then get, get then put, or cas(k, nil, v) then get', type: 'enum', default: 'put-get', choices: [...WORKLOADS] },
  ];
}

/** The workload's parameters and retries, for protocols whose clients time out and retry; `retryAt` says where a retry goes. */
export function clientParams(ops: number, retryAt: string, maxOps = 4): readonly ParamDef[] {
  return [
    ...workloadParams(ops, maxOps),
    { name: 'retries', description: `timeouts per operation: each retries at ${retryAt}`, type: 'int', default: 1, min: 0, max: 3 },
  ];
}

export interface ClientsPart {
  readonly clients: readonly NodeId[];
  readonly workload: ReturnType<typeof kvWorkload>;
  readonly retries: number;
}

export function clientsPart(params: ParamValues): ClientsPart {
  const clients = Array.from({ length: params.clients as number }, (_, i) => `c${i + 1}`);
  return {
    clients,
    workload: kvWorkload(clients, params.ops as number, params.keys as number, params.workload as WorkloadKind),
    retries: params.retries as number,
  };
}
