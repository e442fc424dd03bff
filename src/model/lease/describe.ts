import { maskNames } from './nodes.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from './types.js';

export function describeMessage(m: LeaseMessage): string {
  return m.t === 'req' ? `Req(r=${m.r})` : `Grant(r=${m.r})`;
}

/** "r=2 asked@3 grants={n1} lease r=1 [1,4) promised n1 until 8 granted n1:2,n2:1"; whether the lease is still valid depends on the clock. */
export function describeState(config: LeaseConfig, s: LeaseState): string {
  const parts = [`r=${s.round}`];
  if (s.sentAt !== null) parts.push(`asked@${s.sentAt} grants=${maskNames(config, s.grants)}`);
  if (s.lease !== null) parts.push(`lease r=${s.lease[0]} [${s.lease[1]},${s.lease[2]})`);
  if (s.until === null) parts.push('restarted: promise forgotten');
  else if (s.grantee !== null) parts.push(`promised ${s.grantee} until ${s.until}`);
  else if (s.until > 0) parts.push(`waits out until ${s.until}`);
  const granted = config.candidates.flatMap((c, i) => (s.granted[i] > 0 ? [`${c}:${s.granted[i]}`] : []));
  if (granted.length > 0) parts.push(`granted ${granted.join(',')}`);
  return parts.join(' ');
}

/** Fields for trace diffs in describeState's notation: "grants: {} → {n1}", "lease: - → r=1 [1,4)". */
export function describeField(config: LeaseConfig, field: string, s: LeaseState): string | undefined {
  switch (field) {
    case 'grants':
      return maskNames(config, s.grants);
    case 'lease':
      return s.lease === null ? '-' : `r=${s.lease[0]} [${s.lease[1]},${s.lease[2]})`;
    case 'granted':
      return config.candidates.map((c, i) => `${c}:${s.granted[i]}`).join(',');
    default:
      return undefined;
  }
}
