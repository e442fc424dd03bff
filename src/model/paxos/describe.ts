import { maskNames } from './ballots.js';
import type { PaxosConfig, PaxosMessage, PaxosState, Vote } from './types.js';

function vote(v: Vote | null): string {
  return v === null ? '-' : `(${v[0]},${v[1]})`;
}

export function describeMessage(m: PaxosMessage): string {
  switch (m.t) {
    case '1a':
      return `1a(b=${m.b})`;
    case '1b':
      return `1b(b=${m.b}, acc=${vote(m.acc)})`;
    case '2a':
      return `2a(b=${m.b}, ${m.v})`;
    case '2b':
      return `2b(b=${m.b}, ${m.v})`;
  }
}

export function describeState(config: PaxosConfig, s: PaxosState): string {
  if (s.role === 'acceptor') return `promised=${s.promised} accepted=${vote(s.accepted)}`;
  const parts = [`b=${s.ballot}`];
  if (s.phase === 1) parts.push(`phase1 ${s.value} promises=${maskNames(config, s.promises)} best=${vote(s.best)}`);
  if (s.phase === 2) parts.push(`phase2 ${s.value} acks=${maskNames(config, s.acks)}`);
  if (s.proposed.length > 0) parts.push(`proposed=${s.proposed.join(',')}`);
  if (s.decided.length > 0) parts.push(`decided=${s.decided.join(',')}`);
  return parts.join(' ');
}

const set = (xs: readonly string[]): string => `{${xs.join(',')}}`;

/** Fields for trace diffs in describeState's notation: "promises: {} → {a2}", "accepted: - → (1,v1)". */
export function describeField(config: PaxosConfig, field: string, s: PaxosState): string | undefined {
  if (s.role === 'acceptor') return field === 'accepted' ? vote(s.accepted) : undefined;
  switch (field) {
    case 'promises':
      return maskNames(config, s.promises);
    case 'acks':
      return maskNames(config, s.acks);
    case 'best':
      return vote(s.best);
    case 'value':
      return s.value ?? '-';
    case 'proposed':
      return set(s.proposed);
    case 'decided':
      return set(s.decided);
    default:
      return undefined;
  }
}
