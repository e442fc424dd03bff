/**
 * The reductions: Raft's messages are judged by Raft's own rules
 * (src/model/raft/stale.ts, normalize.ts) on the Raft part of the state,
 * since this protocol delivers them to the very same rules; heartbeat
 * replies by heartbeat.ts; old heartbeats, which can only be refused (a
 * refusal carries the refuser's term and nothing of the request), collapse
 * into one. The checker verifies every claim the first time it meets it.
 */
import { normalizeMessage } from '../raft/normalize.js';
import { staleMessage } from '../raft/stale.js';
import { heartbeatReplyStale } from './heartbeat.js';
import type { RaftKvConfig, RaftKvMessage, NodeState } from './types.js';

const oldHeartbeat: RaftKvMessage = { t: 'HB', term: 0, round: 0 };

export function raftKvStale(config: RaftKvConfig, s: NodeState, m: RaftKvMessage, from: string): boolean {
  if (s.role === 'client') return false;
  switch (m.t) {
    case 'req':
    case 'resp':
    case 'HB':
      return false;
    case 'HBR':
      return heartbeatReplyStale(s, m, from);
    default:
      return staleMessage(config.raft, s.raft, m, from);
  }
}

export function raftKvNormalize(s: NodeState, m: RaftKvMessage): RaftKvMessage {
  if (s.role === 'client') return m;
  switch (m.t) {
    case 'req':
    case 'resp':
    case 'HBR':
      return m;
    case 'HB':
      return m.term < s.raft.term && m.term !== 0 ? oldHeartbeat : m;
    default:
      return normalizeMessage(s.raft, m);
  }
}
