import type { Permutation, Symmetry } from '../contract.js';
import { permuteMask } from '../masks.js';
import type { LeaseConfig, LeaseMessage, LeaseState } from './types.js';

/**
 * Candidates are interchangeable, and so are pure granters: rounds are per
 * node and travel with the sender's identity, so no node id is baked into a
 * number.
 */
export const leaseSymmetry: Symmetry<LeaseConfig, LeaseState, LeaseMessage> = {
  roles: ['candidate', 'granter'],
  values: () => [],
  permuteState(config, s, p) {
    const granted = s.granted.map(() => 0);
    s.granted.forEach((a, i) => {
      granted[config.candidates.indexOf(p.node(config.candidates[i]))] = a;
    });
    return { ...s, grants: permuteMask(config.nodes, s.grants, p), grantee: s.grantee === null ? null : p.node(s.grantee), granted };
  },
  permuteMessage: (_config, m) => m,
};
