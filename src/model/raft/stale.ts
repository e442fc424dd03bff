/**
 * Messages a server will ignore for good: delivering them changes nothing
 * and sends nothing, now and in every state the server can reach (restarts
 * with the disk included). The checker drops them from the network; on a
 * set network most of the state space is otherwise made of such dead
 * responses piling up.
 *
 * Facts the rules below rest on: a term never decreases (it is on disk); a
 * server becomes candidate or precandidate-winner only by moving to a new
 * term, so once it is not a candidate in term T it never is again, and a
 * leader of T that stopped leading never leads T again; matchIndex only grows
 * while leading, and once nextIndex = matchIndex + 1 for a peer (it starts
 * higher) every later update keeps it so, unless a membership change adds
 * the server, which resets its progress at the leader (reconfig.ts): with
 * reconfiguration on, the two leader rules below are off. Requests are never stale: even one refused silently today is
 * answered once the server has moved to a higher term (with that term).
 */
import type { RaftConfig, RaftMessage, RaftState } from './types.js';

export function staleMessage(config: RaftConfig, s: RaftState, m: RaftMessage, from: string): boolean {
  switch (m.t) {
    case 'RVR':
      // Only a candidate of the same term counts votes, and a refusal of that term is a no-op.
      return m.term < s.term || (m.term === s.term && (s.role !== 'candidate' || !m.granted || s.votes.includes(from)));
    case 'PVR':
      // A grant is for term + 1; a refusal matters only from a higher term. A precandidate's
      // tally restarts when it times out again, so a grant for term + 1 is never stale.
      return m.term <= s.term;
    case 'AER': {
      if (m.term < s.term) return true;
      if (m.term > s.term) return false;
      // A candidate of this term may still win it and then read a reply sent to it in an older term.
      if (s.role === 'follower' || s.role === 'precandidate') return true;
      if (s.role !== 'leader' || config.quorumChecks || config.reconfig !== 'none') return false;
      const j = config.servers.indexOf(from);
      // Once nextIndex = matchIndex + 1 it stays so while leading, and every failure is then a no-op.
      return m.success ? s.match[j] >= m.index : s.next[j] === s.match[j] + 1;
    }
    case 'RV':
    case 'PV':
    case 'AE':
      return false;
  }
}

