/**
 * Old requests collapse into one canonical request per kind. A RequestVote,
 * PreVote or AppendEntries whose term is below the receiver's can only be
 * refused, for good (a term never decreases; the checker does not ask about
 * servers that may lose their disk), and the refusal carries nothing of the
 * request but, for AppendEntries, its prevIndex: the leader reads that as
 * the failure's index. So every old request of a kind is the same request,
 * written with term 0: a receiver that has one is in term 1 or above and
 * stays there, so term 0 stays old for it.
 * Without this, the set network keeps each distinct old request a server
 * ever sent, and worlds differing only in those make up much of the space.
 */
import type { RaftMessage, RaftState } from './types.js';

const oldVote: RaftMessage = { t: 'RV', term: 0, lastIndex: 0, lastTerm: 0 };
const oldPreVote: RaftMessage = { t: 'PV', term: 0, lastIndex: 0, lastTerm: 0 };
const none: readonly never[] = [];

export function normalizeMessage(s: RaftState, m: RaftMessage): RaftMessage {
  if (m.term >= s.term || m.term === 0) return m;
  switch (m.t) {
    case 'RV':
      return oldVote;
    case 'PV':
      return oldPreVote;
    case 'AE':
      return { t: 'AE', term: 0, prevIndex: m.prevIndex, prevTerm: 0, entries: none, commit: 0 };
    default:
      return m;
  }
}
