/**
 * Messages a node will ignore for good. Promises and ballots only grow, a
 * replica never prepares the same ballot twice, chosen slots stay chosen,
 * sessions only advance, and all of it survives a restart with the disk,
 * so a message judged stale here stays ignored in every state the node can
 * reach (see Protocol.stale; the checker verifies each claim).
 */
import { acceptorBit } from '../paxos/ballots.js';
import type { MultiPaxosConfig, MultiPaxosMessage, NodeState } from './types.js';

export function stale(config: MultiPaxosConfig, self: string, s: NodeState, m: MultiPaxosMessage, from: string): boolean {
  if (s.role === 'client') return m.t !== 'resp' || m.seq < s.next - 1 || (m.seq === s.next - 1 && !s.waiting);
  switch (m.t) {
    case '1a':
      return m.b <= s.promised;
    case '2a':
      return m.b < s.promised;
    case '1b':
      return m.b < s.ballot || (m.b === s.ballot && (s.phase !== 1 || (s.promises & acceptorBit(config, from)) !== 0));
    case '2b':
      if (m.b !== s.ballot) return m.b < s.ballot;
      return s.phase !== 2 || (s.chosen[m.slot] ?? null) !== null || ((s.acks[m.slot] ?? 0) & acceptorBit(config, from)) !== 0;
    case 'req': {
      const session = s.sessions[from];
      return !config.proposers.includes(self) || (session !== undefined && m.seq < session[0]);
    }
    case 'resp':
      return true;
  }
}

