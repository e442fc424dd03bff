import { acceptorBit } from './ballots.js';
import type { PaxosConfig, PaxosMessage, PaxosState } from './types.js';

/**
 * Messages a node will ignore for good. Promises and ballots only grow (and
 * survive restarts with the disk), so a message judged stale here stays
 * ignored in every state the node can reach. The checker uses this to drop
 * such messages from the network (see Protocol.stale).
 */
export function stale(config: PaxosConfig, s: PaxosState, m: PaxosMessage, from: string): boolean {
  if (s.role === 'acceptor') {
    if (m.t === '1a') return m.b < s.promised || (m.b === s.promised && !config.bugs.sharedBallots);
    if (m.t === '2a') return m.b < s.promised && !config.bugs.acceptBelowPromise;
    return true;
  }
  if (m.t === '1a' || m.t === '2a') return true;
  if (s.decided.length > 0) return true;
  if (m.t === '1b') return m.b < s.ballot || (m.b === s.ballot && (s.phase !== 1 || (s.promises & acceptorBit(config, from)) !== 0));
  if (m.b < s.ballot) return !config.bugs.learnAcrossBallots;
  if (m.b > s.ballot) return false;
  if (s.phase === 0) return true;
  return s.phase === 2 && ((s.acks & acceptorBit(config, from)) !== 0 || m.v !== s.value);
}
