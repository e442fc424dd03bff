/** Node sets kept as bit masks of node indexes, shared by the protocols that keep them so. */
import type { NodeId, Permutation } from './contract.js';

/** The mask of the nodes `p` maps the members of `mask` to, both over the same list of ids. */
export function permuteMask(ids: readonly NodeId[], mask: number, p: Permutation): number {
  let out = 0;
  ids.forEach((id, i) => {
    if ((mask >> i) & 1) out |= 1 << ids.indexOf(p.node(id));
  });
  return out;
}
