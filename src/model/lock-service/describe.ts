/** Short text for traces and diagrams. */
import type { NodeId } from '../contract.js';
import { maskNames } from './ballots.js';
import { describeClient } from './client.js';
import { describeOp } from './proposer.js';
import type { InstanceState, LockConfig, LockMessage, LockState, Vote } from './types.js';

export function describeVote(v: Vote | null): string {
  return v === null ? '-' : `(${v[0]},${v[1] ?? 'free'})`;
}

export function describeMessage(m: LockMessage): string {
  switch (m.t) {
    case 'acquire':
    case 'release':
    case 'busy':
      return `${m.t}#${m.n}`;
    case 'granted':
      return `granted#${m.n}(token ${m.token})`;
    case '1a':
      return `1a(b=${m.b})`;
    case '1b':
      return `1b(b=${m.b}, acc=${describeVote(m.acc)}${m.lapsed ? ', lapsed' : ''})`;
    case '2a':
      return `2a(b=${m.b}, ${m.holder ?? 'free'})`;
    case '2b':
      return `2b(b=${m.b})`;
    case 'write':
      return `write(token ${m.token})`;
  }
}

function describeInstance(config: LockConfig, s: InstanceState): string {
  const parts = [`promised ${s.promised} acc ${describeVote(s.accepted)}`];
  if (s.acceptedAt === null) parts.push('accepted at ? (restarted)');
  else if (config.duration > 0 && s.accepted !== null && s.accepted[1] !== null) parts.push(`accepted at ${s.acceptedAt}`);
  if (s.op !== null) {
    const votes = s.phase === 1 ? `promises ${maskNames(config, s.promises)} best ${describeVote(s.best)}${s.lapsed ? ' lapsed' : ''}` : `commits ${maskNames(config, s.acks)}`;
    parts.push(`b=${s.ballot} phase ${s.phase} ${describeOp(s.op)}: ${votes}`);
  } else if (s.ballot > 0) parts.push(`b=${s.ballot}`);
  return parts.join(' ');
}

export function describeState(config: LockConfig, _self: NodeId, s: LockState): string {
  switch (s.role) {
    case 'client':
      return describeClient(config, s);
    case 'storage':
      return s.writes.length === 0 ? 'no writes' : `writes ${s.writes.map((w) => `${w[0]}@${w[1]}`).join(', ')}`;
    case 'instance':
      return describeInstance(config, s);
  }
}

/** Fields for trace diffs in describeState's notation. */
export function describeField(config: LockConfig, field: string, s: LockState): string | undefined {
  if (s.role !== 'instance') return undefined;
  switch (field) {
    case 'promises':
      return maskNames(config, s.promises);
    case 'acks':
      return maskNames(config, s.acks);
    case 'accepted':
      return describeVote(s.accepted);
    case 'best':
      return describeVote(s.best);
    case 'op':
      return s.op === null ? '-' : describeOp(s.op);
    default:
      return undefined;
  }
}
