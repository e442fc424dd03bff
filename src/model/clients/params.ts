/**
 * The parameters every protocol with key-value clients takes (how many
 * clients, how many operations each, over how many keys, which workload),
 * declared once so that specs name them alike across protocols.
 */
import type { ParamDef } from '../contract.js';
import { WORKLOADS } from './workload.js';

export const clientParams: readonly ParamDef[] = [
  { name: 'clients', description: 'client nodes c1, c2, ... (0: none, and no history)', type: 'int', default: 2, min: 0, max: 3 },
  { name: 'ops', description: 'operations each client runs, one at a time', type: 'int', default: 2, min: 1, max: 4 },
  { name: 'keys', description: 'keys the workload spreads over (x, y, z)', type: 'int', default: 1, min: 1, max: 3 },
  { name: 'workload', description: 'per client, alternating: put then get, get then put, or cas(k, nil, v) then get', type: 'enum', default: 'put-get', choices: [...WORKLOADS] },
];
