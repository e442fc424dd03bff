/** Parameters, buggy variants and configuration of the Raft model. */
import { ModelConfigError, type BugDef, type ParamDef, type ParamValues } from '../contract.js';
import type { RaftBugs, RaftConfig } from './types.js';

export const raftParams: readonly ParamDef[] = [
  { name: 'servers', description: 'number of servers (s1, s2, ...)', type: 'int', default: 3, min: 3, max: 5 },
  { name: 'maxTerm', description: 'highest term an election may start (past 8 only for netsim: a search would not finish)', type: 'int', default: 2, min: 1, max: 100000 },
  { name: 'maxLog', description: 'longest log a leader may grow by client requests (past 6 only for netsim)', type: 'int', default: 1, min: 0, max: 100000 },
  { name: 'values', description: 'number of client values (v1, v2, ...)', type: 'int', default: 1, min: 1, max: 3 },
  {
    name: 'candidates',
    description: 'how many servers (s1, s2, ...) may time out and campaign; the others only vote and follow (0: all)',
    type: 'int',
    default: 0,
    min: 0,
    max: 5,
  },
  { name: 'preVote', description: 'elections start with a pre-vote round that does not raise terms (dissertation §9.6)', type: 'bool', default: false },
  {
    name: 'checkQuorum',
    description: 'leaders step down without contact from a majority; followers that hear a leader ignore vote requests (dissertation §6.2, §9.6)',
    type: 'bool',
    default: false,
  },
  {
    name: 'quietTimeouts',
    description:
      'liveness timing assumption: a follower that has heard from its leader since its timer last fired does not time out, and CheckQuorum leaders never step down on their own; leaves out behaviour safety checks need',
    type: 'bool',
    default: false,
  },
];

export const raftBugs: readonly BugDef[] = [
  {
    name: 'figure8',
    description: 'a leader commits an entry of an earlier term as soon as a majority stores it, by counting replicas',
    reproduces: 'Figure 8 of the Raft paper (§5.4.2): an entry replicated on a majority can still be overwritten by a later leader; needs 4 terms with 3 servers',
  },
  {
    name: 'noUpToDateCheck',
    description: 'a server grants its vote without the log up-to-date check of §5.4.1',
    reproduces: 'election restriction omitted: a candidate missing committed entries wins and overwrites them (the check Figure 2 puts in RequestVote)',
  },
  {
    name: 'votedForNotPersisted',
    description: 'votedFor lives in memory only, so a server that restarts can vote again in the same term',
    reproduces: 'the persistence rule of Figure 2 / dissertation §3.8 broken: two leaders in one term after a crash and restart',
  },
  {
    name: 'truncateOnStaleAppend',
    description: 'a follower cuts its log after prevIndex on every AppendEntries, even when the entries already match',
    reproduces: 'a delayed or duplicated AppendEntries erasing newer, already acknowledged entries (Figure 2 step 3 says truncate only on conflict; a classic implementation bug)',
  },
];

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

export function configure(params: ParamValues, bugs: readonly string[]): RaftConfig {
  for (const b of bugs) {
    if (!raftBugs.some((d) => d.name === b)) throw new ModelConfigError('bugs', `unknown bug "${b}" (known: ${raftBugs.map((d) => d.name).join(', ')})`);
  }
  const int = (k: string): number => {
    const def = raftParams.find((p) => p.name === k);
    const v = params[k] ?? def?.default;
    if (typeof v !== 'number' || !Number.isInteger(v) || (def?.min !== undefined && v < def.min) || (def?.max !== undefined && v > def.max)) {
      throw new ModelConfigError(k, `${k} must be an integer from ${def?.min} to ${def?.max}`);
    }
    return v;
  };
  const bool = (k: string): boolean => {
    const v = params[k] ?? false;
    if (typeof v !== 'boolean') throw new ModelConfigError(k, `${k} must be true or false`);
    return v;
  };
  const servers = names('s', int('servers'));
  const candidates = int('candidates');
  if (candidates > servers.length) throw new ModelConfigError('candidates', `candidates must be at most servers (${servers.length}); 0 means all`);
  const flags: RaftBugs = {
    figure8: bugs.includes('figure8'),
    noUpToDateCheck: bugs.includes('noUpToDateCheck'),
    votedForNotPersisted: bugs.includes('votedForNotPersisted'),
    truncateOnStaleAppend: bugs.includes('truncateOnStaleAppend'),
  };
  return {
    servers,
    values: names('v', int('values')),
    maxTerm: int('maxTerm'),
    maxLog: int('maxLog'),
    candidates: candidates === 0 ? servers : servers.slice(0, candidates),
    majority: Math.floor(servers.length / 2) + 1,
    preVote: bool('preVote'),
    checkQuorum: bool('checkQuorum'),
    quietTimeouts: bool('quietTimeouts'),
    leases: bool('preVote') || bool('checkQuorum') || bool('quietTimeouts'),
    quorumChecks: bool('checkQuorum') && !bool('quietTimeouts'),
    bugs: flags,
  };
}
