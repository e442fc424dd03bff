/** Short text for traces and diagrams. */
import { describeClient } from '../clients/client.js';
import { kv, type KvState } from '../machines/kv.js';
import { maskNames } from '../paxos/ballots.js';
import type { MultiPaxosConfig, MultiPaxosMessage, NodeState, ServerState, Value, Vote } from './types.js';

export function describeValue(v: Value | null): string {
  if (v === null) return '_';
  return v === 'noop' ? 'noop' : `${v.client}#${v.seq} ${kv.describeCommand(v.cmd)}`;
}

function vote(v: Vote | null): string {
  return v === null ? '-' : `(${v[0]},${describeValue(v[1])})`;
}

const list = <T>(xs: readonly T[], f: (x: T) => string): string => `[${xs.map(f).join('; ')}]`;

function store(s: KvState): string {
  return `{${Object.keys(s).sort().map((k) => `${k}=${s[k]}`).join(', ')}}`;
}

function slots(mask: number, n: number): string {
  return `{${Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1).join(',')}}`;
}

function server(config: MultiPaxosConfig, s: ServerState): string {
  const parts = [`promised=${s.promised} acc=${list(s.accepted, vote)}`];
  if (s.phase === 1) parts.push(`preparing b=${s.ballot} promises=${maskNames(config, s.promises)} votes=${list(s.votes, vote)}`);
  if (s.phase === 2) parts.push(`leading b=${s.ballot} log=${list(s.log, describeValue)} acks=${list(s.acks, (m) => maskNames(config, m))}`);
  if (s.chosen.length > 0) parts.push(`chosen=${list(s.chosen, describeValue)} executed=${slots(s.executed, s.chosen.length)} store ${store(s.store)}`);
  return parts.join(' ');
}

export function describeState(config: MultiPaxosConfig, self: string, s: NodeState): string {
  return s.role === 'client' ? describeClient(config, self, s) : server(config, s);
}

/** Fields for trace diffs in describeState's notation. */
export function describeField(config: MultiPaxosConfig, field: string, s: NodeState): string | undefined {
  if (s.role === 'client') return undefined;
  switch (field) {
    case 'accepted':
      return list(s.accepted, vote);
    case 'votes':
      return list(s.votes, vote);
    case 'log':
      return list(s.log, describeValue);
    case 'chosen':
      return list(s.chosen, describeValue);
    case 'promises':
      return maskNames(config, s.promises);
    case 'acks':
      return list(s.acks, (m) => maskNames(config, m));
    case 'executed':
      return slots(s.executed, s.chosen.length);
    case 'store':
      return store(s.store);
    default:
      return undefined;
  }
}

export function describeMessage(m: MultiPaxosMessage): string {
  switch (m.t) {
    case '1a':
      return `1a(b=${m.b})`;
    case '1b':
      return `1b(b=${m.b}, ${list(m.votes, vote)})`;
    case '2a':
      return `2a(b=${m.b}, #${m.slot} ${describeValue(m.v)})`;
    case '2b':
      return `2b(b=${m.b}, #${m.slot})`;
    case 'req':
      return `req#${m.seq} ${kv.describeCommand(m.cmd)}`;
    case 'resp':
      return `resp#${m.seq} ${kv.describeOutput(m.out)}`;
  }
}
