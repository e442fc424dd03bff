/** Short text for traces and diagrams. */
import { describeClient, describeClientMessage } from '../clients/client.js';
import { kv, type KvState } from '../machines/kv.js';
import { describeMessage as describeRaftMessage } from '../raft/describe.js';
import type { Entry } from '../raft/types.js';
import { payloadText } from './commands.js';
import type { NodeState, RaftKvConfig, RaftKvMessage, ServerState, Sessions } from './types.js';

const set = (xs: readonly string[]): string => `{${xs.join(',')}}`;

function entryText(e: Entry): string {
  return `${e[0]}:${typeof e[1] === 'string' ? payloadText(e[1]) : '?'}`;
}

export function logText(log: readonly Entry[]): string {
  return `[${log.map(entryText).join('; ')}]`;
}

export function storeText(s: KvState): string {
  return `{${Object.keys(s)
    .sort()
    .map((k) => `${k}=${s[k]}`)
    .join(', ')}}`;
}

export function sessionsText(s: Sessions): string {
  return `{${Object.keys(s)
    .sort()
    .map((c) => `${c}#${s[c][0]}:${kv.describeOutput(s[c][1])}`)
    .join(', ')}}`;
}

/** "leader t=1 log=[1:noop; 1:c1#0 put(x, 1)] c=2 store={x=1} sessions={c1#0:ok} round 1 confirmed lease<4". */
export function describeServer(config: RaftKvConfig, s: ServerState): string {
  const r = s.raft;
  const parts = [`${r.role} t=${r.term}`, `log=${logText(r.log)}`, `c=${r.commit}`, `voted=${r.votedFor ?? '-'}`, `store=${storeText(s.store)}`];
  if (Object.keys(s.sessions).length > 0) parts.push(`sessions=${sessionsText(s.sessions)}`);
  if (r.role === 'leader') {
    const peers = config.servers.flatMap((id, k) => (r.next[k] === 0 ? [] : [`${id}:${r.match[k]}`]));
    parts.push(`match=${peers.join(',')}`);
    if (s.round > 0) parts.push(`round ${s.round} ${s.confirmed === s.round ? 'confirmed' : `acks=${set(s.acks)}`}`);
    if (s.reads.length > 0) parts.push(`reads=[${s.reads.map((x) => `${x.client}#${x.seq} ${kv.describeCommand(x.cmd)}@${x.round}`).join('; ')}]`);
    if (s.leaseEnd > 0) parts.push(`lease<${s.leaseEnd}`);
  }
  if (!s.resumed) parts.push('restarted: promise forgotten');
  else if (s.until > 0) parts.push(`promised until ${s.until}`);
  return parts.join(' ');
}

export function describeState(config: RaftKvConfig, self: string, s: NodeState): string {
  return s.role === 'client' ? describeClient(config, self, s) : describeServer(config, s);
}

export function describeMessage(m: RaftKvMessage): string {
  switch (m.t) {
    case 'req':
    case 'resp':
      return describeClientMessage(m);
    case 'HB':
      return m.term === 0 ? 'Heartbeat(older term)' : `Heartbeat(t=${m.term}, round ${m.round})`;
    case 'HBR':
      return m.ok ? `HeartbeatReply(t=${m.term}, round ${m.round})` : `HeartbeatReply(t=${m.term}, refused)`;
    case 'AE':
      if (m.term === 0) return describeRaftMessage(m);
      return `AppendEntries(t=${m.term}, prev=(${m.prevIndex},${m.prevTerm}), ${logText(m.entries)}, c=${m.commit})`;
    default:
      return describeRaftMessage(m);
  }
}

/** Fields for trace diffs in describeState's notation. */
export function describeField(config: RaftKvConfig, field: string, s: NodeState): string | undefined {
  if (s.role === 'client') return undefined;
  switch (field) {
    case 'raft':
      return `${s.raft.role} t=${s.raft.term} log=${logText(s.raft.log)} c=${s.raft.commit} voted=${s.raft.votedFor ?? '-'}`;
    case 'store':
      return storeText(s.store);
    case 'sessions':
      return sessionsText(s.sessions);
    case 'acks':
      return set(s.acks);
    case 'reads':
      return `[${s.reads.map((x) => `${x.client}#${x.seq}@${x.round}`).join('; ')}]`;
    default:
      return undefined;
  }
}
