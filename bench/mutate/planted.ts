/**
 * The bug classes issue 14 planted by hand in the models, written as
 * patches: `npm run mutate -- --planted` runs each against its protocol's
 * specs (default and deep tier) exactly as a mutant, and records which spec
 * catches it, or that none does.
 */
export interface Planted {
  readonly name: string;
  readonly file: string;
  /** Must occur exactly once in the file. */
  readonly find: string;
  readonly replace: string;
  readonly why: string;
}

export const PLANTED: readonly Planted[] = [
  {
    name: 'up-to-date tie-break ignores the index',
    file: 'src/model/raft/log.ts',
    find: 'candLastIndex >= log.length',
    replace: 'candLastIndex >= 0',
    why: 'equal last terms: a shorter log counts as up to date (§5.4.1 compares lengths on a tie)',
  },
  {
    name: 'up-to-date check prefers the longer log over the later term',
    file: 'src/model/raft/log.ts',
    find: 'candLastTerm > t || (candLastTerm === t && candLastIndex >= log.length)',
    replace: 'candLastTerm > t || candLastIndex >= log.length',
    why: 'a longer log with an older last term wins the vote',
  },
  {
    name: 'commit majority off by one',
    file: 'src/model/raft/replication.ts',
    find: 'if (hasQuorum(m, (id) => (id === self ? isMember(m, self) : s.match[config.servers.indexOf(id)] >= n))) return',
    replace: 'if (m.every((set) => 2 * (set.filter((id) => (id === self ? isMember(m, self) : s.match[config.servers.indexOf(id)] >= n)).length + 1) > set.length)) return',
    why: 'the leader commits with one replica short of a majority',
  },
  {
    name: 'follower overwrites a conflict without deleting the suffix',
    file: 'src/model/raft/log.ts',
    find: 'if (log[i][0] !== entries[k][0]) return [...log.slice(0, i), ...entries.slice(k)];',
    replace: 'if (log[i][0] !== entries[k][0]) return [...log.slice(0, i), ...entries.slice(k), ...log.slice(i + entries.length - k)];',
    why: 'Figure 2 step 3: on a conflict delete the existing entry and all that follow it',
  },
  {
    name: 'follower refuses every pre-vote',
    file: 'src/model/raft/election.ts',
    find: '    m.term > s.term &&\n    !(s.role',
    replace: '    false &&\n    !(s.role',
    why: 'PreVote never grants: no election can start (a liveness bug)',
  },
  {
    name: 'acceptor accepts a 2a just below its promise',
    file: 'src/model/paxos/acceptor.ts',
    find: 'if (b < s.promised && !config.bugs.acceptBelowPromise)',
    replace: 'if (b < s.promised - 1 && !config.bugs.acceptBelowPromise)',
    why: 'phase 2b must refuse every ballot below the promise',
  },
  {
    name: 'proposer counts acks from an older ballot',
    file: 'src/model/paxos/proposer.ts',
    find: 'const current = b === s.ballot ||',
    replace: 'const current = b <= s.ballot ||',
    why: 'a 2b of an earlier ballot is counted towards the current one',
  },
];
