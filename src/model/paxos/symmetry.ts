import type { Permutation, Symmetry } from '../contract.js';
import { permuteMask } from '../masks.js';
import { inputsOf } from './proposer.js';
import type { PaxosConfig, PaxosMessage, PaxosState, Vote } from './types.js';

/**
 * Acceptors are interchangeable. Proposers are not: a proposer's identity is
 * baked into the ballots it may use. Values are interchangeable only when
 * every proposer may propose every value: with one input each (p1 proposes
 * v1, p2 v2), swapping v1 and v2 alone is not a symmetry of the rules.
 */
function permuteVote(v: Vote | null, p: Permutation): Vote | null {
  return v === null ? null : [v[0], p.value(v[1])];
}

export const paxosSymmetry: Symmetry<PaxosConfig, PaxosState, PaxosMessage> = {
  roles: ['acceptor'],
  values: (config) => (config.proposers.every((p) => inputsOf(config, p).length === config.values.length) ? config.values : []),
  permuteState(config, s, p) {
    if (s.role === 'acceptor') return s.accepted === null ? s : { ...s, accepted: permuteVote(s.accepted, p) };
    return {
      ...s,
      value: s.value === null ? null : p.value(s.value),
      promises: permuteMask(config.acceptors, s.promises, p),
      best: permuteVote(s.best, p),
      acks: permuteMask(config.acceptors, s.acks, p),
      proposed: s.proposed.map((v) => p.value(v)).sort(),
      decided: s.decided.map((v) => p.value(v)).sort(),
    };
  },
  permuteMessage(_config, m, p) {
    switch (m.t) {
      case '1a':
        return m;
      case '1b':
        return m.acc === null ? m : { ...m, acc: permuteVote(m.acc, p) };
      case '2a':
      case '2b':
        return { ...m, v: p.value(m.v) };
    }
  },
};
