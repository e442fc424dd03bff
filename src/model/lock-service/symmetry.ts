/**
 * Clients are interchangeable, and so are the instances that serve no
 * clients: a serving instance's identity is baked into its ballots, a
 * replica's only into the bit it has in promise and commit masks.
 */
import type { NodeId, Permutation, Symmetry } from '../contract.js';
import { permuteMask } from '../masks.js';
import type { LockConfig, LockMessage, LockState, Vote } from './types.js';

function permuteHolder(h: NodeId | null, p: Permutation): NodeId | null {
  return h === null ? null : p.node(h);
}

function permuteVote(v: Vote | null, p: Permutation): Vote | null {
  return v === null ? null : [v[0], permuteHolder(v[1], p)];
}

export const lockSymmetry: Symmetry<LockConfig, LockState, LockMessage> = {
  roles: ['client', 'replica'],
  values: () => [],
  permuteState(config, s, p) {
    switch (s.role) {
      case 'client':
        return s;
      case 'storage':
        return { ...s, writes: s.writes.map((w) => [p.node(w[0]), w[1]] as const) };
      case 'instance':
        return {
          ...s,
          accepted: permuteVote(s.accepted, p),
          op: s.op === null ? null : { ...s.op, client: p.node(s.op.client) },
          promises: permuteMask(config.instances, s.promises, p),
          best: permuteVote(s.best, p),
          acks: permuteMask(config.instances, s.acks, p),
        };
    }
  },
  permuteMessage(_config, m, p) {
    if (m.t === '1b') return m.acc === null ? m : { ...m, acc: permuteVote(m.acc, p) };
    if (m.t === '2a') return m.holder === null ? m : { ...m, holder: p.node(m.holder) };
    return m;
  },
};
