/** Parameters, buggy variants and configuration of Raft KV. */
import { ModelConfigError, type BugDef, type ParamDef, type ParamValues } from '../contract.js';
import { kvWorkload, WORKLOADS, type WorkloadKind } from '../clients/workload.js';
import { checkBugs, intParam } from '../param-values.js';
import { configure as configureRaft } from '../raft/params.js';
import type { RaftKvBugs, RaftKvConfig, ReadPath } from './types.js';

const READS: readonly ReadPath[] = ['log', 'readIndex', 'lease'];

export const raftKvParams: readonly ParamDef[] = [
  { name: 'servers', description: 'number of servers (s1, s2, ...)', type: 'int', default: 3, min: 3, max: 5 },
  { name: 'candidates', description: 'how many servers (s1, s2, ...) may time out and campaign; the others only vote and follow (0: all)', type: 'int', default: 2, min: 0, max: 5 },
  { name: 'maxTerm', description: 'highest term an election may start', type: 'int', default: 2, min: 1, max: 8 },
  { name: 'maxLog', description: 'longest log a leader may grow (client commands and no-ops)', type: 'int', default: 3, min: 1, max: 8 },
  { name: 'clients', description: 'client nodes c1, c2, ... (0: none, and no history)', type: 'int', default: 1, min: 0, max: 3 },
  { name: 'ops', description: 'operations each client runs, one at a time', type: 'int', default: 2, min: 1, max: 4 },
  { name: 'keys', description: 'keys the workload spreads over (x, y, z)', type: 'int', default: 1, min: 1, max: 3 },
  { name: 'workload', description: 'per client, alternating: put then get, get then put, or cas(k, nil, v) then get', type: 'enum', default: 'put-get', choices: [...WORKLOADS] },
  { name: 'retries', description: 'timeouts per operation: each retries at the next server', type: 'int', default: 1, min: 0, max: 3 },
  {
    name: 'reads',
    description: 'how a leader answers a get: log (appended and applied like a write), readIndex (once a heartbeat round confirms it still leads, dissertation §6.4), lease (at once while its lease holds, §6.4.1; falls back to readIndex)',
    type: 'enum',
    default: 'log',
    choices: [...READS],
  },
  { name: 'timeout', description: 'lease reads: election timeout E in clock units; a follower that heard its leader neither votes for another nor campaigns for E', type: 'int', default: 5, min: 1, max: 30 },
  { name: 'margin', description: 'lease reads: the clock skew ε allowed for (set it to time.skew); a lease lasts E − 4ε by the leader\'s clock', type: 'int', default: 1, min: 0, max: 10 },
];

export const raftKvBugs: readonly BugDef[] = [
  {
    name: 'noNoop',
    description: 'a new leader appends no no-op at the start of its term and serves ReadIndex and lease reads before it has committed an entry of its term',
    reproduces:
      'the Redis-Raft stale read (Jepsen, 2020): a new leader\'s commit index can lag entries the previous leader committed and acknowledged, so it answers from a store that misses them (dissertation §6.4 step 1 asks for a committed entry of the current term first)',
  },
  {
    name: 'leaseIgnoresSkew',
    description: 'the leader counts its lease as a whole election timeout from the round it sent, by its own clock, with no allowance for clock skew',
    reproduces:
      'lease reads sized as if clocks agreed (the caveat of etcd\'s ReadOnlyLeaseBased, dissertation §6.4.1): a deposed leader whose clock runs slow keeps serving lease reads after the followers, by their clocks, have elected a new leader that acknowledged writes',
  },
  {
    name: 'noSessionTable',
    description: 'no per-client session table: the leader appends every request it receives, and the state machine applies every committed command, retries included',
    reproduces: 'a client retry executed twice (dissertation §6.3): a command committed once is committed again when the client, not having heard back, retries it, and the second run answers',
  },
];

export function configure(params: ParamValues, bugs: readonly string[]): RaftKvConfig {
  checkBugs(raftKvBugs, bugs);
  const get = (k: string): number => intParam(raftKvParams, params, k);
  const choice = (k: string, choices: readonly string[]): string => {
    const v = params[k] ?? raftKvParams.find((p) => p.name === k)?.default;
    if (typeof v !== 'string' || !choices.includes(v)) throw new ModelConfigError(k, `${k} must be one of ${choices.join(', ')}`);
    return v;
  };
  const reads = choice('reads', READS) as ReadPath;
  const workload = choice('workload', WORKLOADS) as WorkloadKind;
  const flags: RaftKvBugs = { noNoop: bugs.includes('noNoop'), leaseIgnoresSkew: bugs.includes('leaseIgnoresSkew'), noSessionTable: bugs.includes('noSessionTable') };
  if (flags.noNoop && reads === 'log') throw new ModelConfigError('bugs', 'bug noNoop needs reads readIndex or lease (reads through the log never answer early)');
  if (flags.leaseIgnoresSkew && reads !== 'lease') throw new ModelConfigError('bugs', 'bug leaseIgnoresSkew needs reads lease');
  const timeout = get('timeout');
  const margin = get('margin');
  const leaseLength = flags.leaseIgnoresSkew ? timeout : timeout - 4 * margin;
  if (reads === 'lease' && leaseLength <= 0) throw new ModelConfigError('timeout', `a lease of E − 4ε = ${leaseLength} is never valid: give timeout > ${4 * margin}`);
  const servers = get('servers');
  const candidates = get('candidates');
  if (candidates > servers) throw new ModelConfigError('candidates', `candidates must be at most servers (${servers}); 0 means all`);
  const raft = configureRaft({ servers, maxTerm: get('maxTerm'), maxLog: 0, values: 1, candidates }, []);
  const clients = Array.from({ length: get('clients') }, (_, i) => `c${i + 1}`);
  return {
    raft,
    servers: raft.servers,
    clients,
    workload: kvWorkload(clients, get('ops'), get('keys'), workload),
    retries: get('retries'),
    reads,
    maxLog: get('maxLog'),
    timeout,
    margin,
    leaseLength,
    bugs: flags,
  };
}
