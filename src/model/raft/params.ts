/** Parameters, buggy variants and configuration of the Raft model. */
import { ModelConfigError, type BugDef, type ParamDef, type ParamValues } from '../contract.js';
import { checkBugs, intParam } from '../param-values.js';
import type { RaftBugs, RaftConfig } from './types.js';

export const raftParams: readonly ParamDef[] = [
  { name: 'servers', description: 'number of servers (s1, s2, ...), members or not', type: 'int', default: 3, min: 3, max: 6 },
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
  {
    name: 'reconfig',
    description:
      'membership changes requested by an administrator at the leader: none, single (add or remove one server at a time, dissertation §4.2) or joint (C_old,new then C_new, paper §6)',
    type: 'enum',
    default: 'none',
    choices: ['none', 'single', 'joint'],
  },
  {
    name: 'members',
    description: 'servers s1..sK in the initial configuration; the others start outside it, with empty logs, until a change adds them (0: all)',
    type: 'int',
    default: 0,
    min: 0,
    max: 6,
  },
  {
    name: 'changing',
    description:
      'how many servers, the last ones (..., s(N-1), sN), the administrator may add or remove; the others stay as the initial configuration has them, so symmetry may permute them (0: all)',
    type: 'int',
    default: 0,
    min: 0,
    max: 6,
  },
  {
    name: 'maxChanges',
    description: 'budget of administrator-requested changes: a leader starts one only while its log holds fewer configuration changes',
    type: 'int',
    default: 1,
    min: 0,
    max: 3,
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
  {
    name: 'changeBeforeTermCommit',
    description:
      'single-server changes as first published: a leader appends a configuration entry once the previous one is committed, without first committing an entry of its own term',
    reproduces:
      "the bug Ongaro announced on raft-dev in July 2015 (found by Huanchen Zhang and Brandon Amos): leaders of adjacent terms append sibling configurations whose quorums need not overlap (two adds, an add and a remove, two removes from four servers); the fix is the current-term commit guard",
  },
  {
    name: 'jointEarlySwitch',
    description: 'joint consensus that appends C_new as soon as C_old,new is in the leader\'s log, before C_old,new commits',
    reproduces:
      'skipping the joint phase (paper §6): C_new takes effect while servers that never saw C_old,new still elect and commit in C_old, and the two configurations have disjoint majorities',
  },
];

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

export function configure(params: ParamValues, bugs: readonly string[]): RaftConfig {
  checkBugs(raftBugs, bugs);
  const int = (k: string): number => intParam(raftParams, params, k);
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
    changeBeforeTermCommit: bugs.includes('changeBeforeTermCommit'),
    jointEarlySwitch: bugs.includes('jointEarlySwitch'),
  };
  const reconfig = params.reconfig ?? 'none';
  if (reconfig !== 'none' && reconfig !== 'single' && reconfig !== 'joint') {
    throw new ModelConfigError('reconfig', 'reconfig must be one of none, single, joint');
  }
  const members = int('members');
  if (members > servers.length) throw new ModelConfigError('members', `members must be at most servers (${servers.length}); 0 means all`);
  if (members !== 0 && members < servers.length && reconfig === 'none') {
    throw new ModelConfigError('members', 'servers outside the configuration need reconfig single or joint to ever join');
  }
  const changing = int('changing');
  if (changing > servers.length) throw new ModelConfigError('changing', `changing must be at most servers (${servers.length}); 0 means all`);
  if (flags.changeBeforeTermCommit && reconfig !== 'single') throw new ModelConfigError('bugs', 'bug changeBeforeTermCommit needs reconfig single');
  if (flags.jointEarlySwitch && reconfig !== 'joint') throw new ModelConfigError('bugs', 'bug jointEarlySwitch needs reconfig joint');
  return {
    servers,
    values: names('v', int('values')),
    maxTerm: int('maxTerm'),
    maxLog: int('maxLog'),
    candidates: candidates === 0 ? servers : servers.slice(0, candidates),
    majority: Math.floor(servers.length / 2) + 1,
    reconfig,
    initial: [members === 0 ? servers : servers.slice(0, members)],
    maxChanges: int('maxChanges'),
    changing: changing === 0 ? servers : servers.slice(servers.length - changing),
    preVote: bool('preVote'),
    checkQuorum: bool('checkQuorum'),
    quietTimeouts: bool('quietTimeouts'),
    leases: bool('preVote') || bool('checkQuorum') || bool('quietTimeouts'),
    quorumChecks: bool('checkQuorum') && !bool('quietTimeouts'),
    bugs: flags,
  };
}
