import type { Permutation, Symmetry } from '../contract.js';
import { isMembership } from './membership.js';
import type { Entry, RaftConfig, RaftMessage, RaftState } from './types.js';

/**
 * Servers are interchangeable (no id is baked into terms or votes; the
 * initial configuration is fixed by the roles nodes() gives), and so are
 * client values. Configuration entries rename their servers.
 */
function permuteLog(log: readonly Entry[], p: Permutation): readonly Entry[] {
  return log.length === 0 ? log : log.map(([t, v]) => [t, isMembership(v) ? v.map((set) => permuteIds(set, p)) : p.value(v)] as const);
}

function permuteIds(ids: readonly string[], p: Permutation): readonly string[] {
  return ids.length === 0 ? ids : ids.map((id) => p.node(id)).sort();
}

/** Per-server arrays are indexed by config order: slot of p(id) takes id's value. */
function permuteSlots(config: RaftConfig, xs: readonly number[], p: Permutation): readonly number[] {
  if (xs.length === 0) return xs;
  const out = new Array<number>(xs.length);
  config.servers.forEach((id, k) => {
    out[config.servers.indexOf(p.node(id))] = xs[k];
  });
  return out;
}

/** "server" campaigns, "voter" never does; "outside": not in the initial configuration; "changing": the administrator may add or remove it. */
export function serverRole(config: RaftConfig, id: string): string {
  const base = config.candidates.includes(id) ? 'server' : 'voter';
  const outside = config.initial[0].includes(id) ? '' : ' outside';
  const changing = config.reconfig !== 'none' && config.changing.includes(id) ? ' changing' : '';
  return `${base}${outside}${changing}`;
}

const roles = ['server', 'voter'].flatMap((b) => ['', ' outside'].flatMap((o) => ['', ' changing'].map((c) => `${b}${o}${c}`)));

export const raftSymmetry: Symmetry<RaftConfig, RaftState, RaftMessage> = {
  roles,
  values: (config) => config.values,
  permuteState(config, s, p) {
    return {
      ...s,
      votedFor: s.votedFor === null ? null : p.node(s.votedFor),
      log: permuteLog(s.log, p),
      votes: permuteIds(s.votes, p),
      next: permuteSlots(config, s.next, p),
      match: permuteSlots(config, s.match, p),
      leaderLog: permuteLog(s.leaderLog, p),
      acks: permuteIds(s.acks, p),
    };
  },
  permuteMessage(_config, m, p) {
    return m.t === 'AE' ? { ...m, entries: permuteLog(m.entries, p) } : m;
  },
};
