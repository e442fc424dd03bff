import { entryText, logText } from './log.js';
import type { RaftConfig, RaftMessage, RaftState } from './types.js';

const yes = (b: boolean): string => (b ? 'yes' : 'no');
const set = (xs: readonly string[]): string => `{${xs.join(',')}}`;

/** A leader's per-follower array as "s2:3,s3:2" (its own slot left out). */
function perPeer(config: RaftConfig, self: string, xs: readonly number[]): string {
  if (xs.length === 0) return '-';
  return config.servers
    .map((id, k) => [id, xs[k]] as const)
    .filter(([id]) => id !== self)
    .map(([id, x]) => `${id}:${x}`)
    .join(',');
}

export function describeMessage(m: RaftMessage): string {
  // Term 0: the canonical form of every request from a term older than its receiver's (normalize.ts).
  if (m.term === 0 && m.t === 'AE') return `AppendEntries(older term, prev=${m.prevIndex})`;
  if (m.term === 0 && (m.t === 'RV' || m.t === 'PV')) return `${m.t === 'RV' ? 'RequestVote' : 'PreVote'}(older term)`;
  switch (m.t) {
    case 'RV':
      return `RequestVote(t=${m.term}, last=(${m.lastIndex},${m.lastTerm}))`;
    case 'RVR':
      return `Vote(t=${m.term}, ${m.granted ? 'granted' : 'refused'})`;
    case 'PV':
      return `PreVote(t=${m.term}, last=(${m.lastIndex},${m.lastTerm}))`;
    case 'PVR':
      return `PreVoteReply(t=${m.term}, ${m.granted ? 'granted' : 'refused'})`;
    case 'AE':
      return `AppendEntries(t=${m.term}, prev=(${m.prevIndex},${m.prevTerm}), [${m.entries.map(entryText).join(',')}], c=${m.commit})`;
    case 'AER':
      return `AppendReply(t=${m.term}, ok=${yes(m.success)}, i=${m.index})`;
  }
}

/** "leader t=2 log=[1:v1,2:v2] c=1 voted=s1 next=s2:3,s3:2 match=s2:2,s3:0". */
export function describeState(config: RaftConfig, self: string, s: RaftState): string {
  const parts = [`${s.role} t=${s.term}`, `log=${logText(s.log)}`, `c=${s.commit}`, `voted=${s.votedFor ?? '-'}`];
  if (s.role === 'candidate' || s.role === 'precandidate') parts.push(`votes=${set(s.votes)}`);
  if (s.role === 'leader') {
    parts.push(`next=${perPeer(config, self, s.next)}`, `match=${perPeer(config, self, s.match)}`);
    if (config.quorumChecks) parts.push(`acks=${set(s.acks)}`);
  }
  if (s.lease) parts.push('lease');
  return parts.join(' ');
}

/** Fields for trace diffs in describeState's notation: "votes: {s1} → {s1,s2}", "next: s2:2,s3:2 → s2:3,s3:2". */
export function describeField(config: RaftConfig, self: string, field: string, s: RaftState): string | undefined {
  switch (field) {
    case 'log':
      return logText(s.log);
    case 'leaderLog':
      return logText(s.leaderLog);
    case 'votedFor':
      return s.votedFor ?? '-';
    case 'votes':
      return set(s.votes);
    case 'acks':
      return set(s.acks);
    case 'next':
      return perPeer(config, self, s.next);
    case 'match':
      return perPeer(config, self, s.match);
    default:
      return undefined;
  }
}
