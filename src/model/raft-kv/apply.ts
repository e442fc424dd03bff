/**
 * The state machine side: committed entries are applied in log order to the
 * key-value store, and the leader answers the client of each. The session
 * table (dissertation §6.3) keeps per client the serial number of its latest
 * applied command and that command's output, so a retry that was committed
 * twice is applied once and answered with the first output (bug
 * noSessionTable: applied again).
 */
import type { Send } from '../contract.js';
import type { ClientReply } from '../clients/types.js';
import { kv } from '../machines/kv.js';
import { decodeCommand } from './commands.js';
import type { RaftKvConfig, RaftKvMessage, ServerState, Sessions } from './types.js';

export interface Applied {
  readonly state: ServerState;
  readonly send: readonly Send<RaftKvMessage>[];
}

const none: readonly Send<RaftKvMessage>[] = [];

function reply(to: string, seq: number, out: ClientReply['out']): Send<RaftKvMessage> {
  return { to, msg: { t: 'resp', seq, out } };
}

/** Applies entries from s.applied up to the commit index; a leader answers their clients. */
export function applyCommitted(config: RaftKvConfig, s: ServerState): Applied {
  const log = s.raft.log;
  const end = Math.min(s.raft.commit, log.length);
  if (end <= s.applied) return { state: s, send: none };
  const leader = s.raft.role === 'leader';
  let store = s.store;
  let sessions: Sessions = s.sessions;
  const send: Send<RaftKvMessage>[] = [];
  for (let i = s.applied; i < end; i++) {
    const payload = log[i][1];
    const c = typeof payload === 'string' ? decodeCommand(payload) : null;
    if (c === null) continue;
    const last = config.bugs.noSessionTable ? undefined : sessions[c.client];
    if (last !== undefined && last[0] >= c.seq) {
      if (leader && last[0] === c.seq) send.push(reply(c.client, c.seq, last[1]));
      continue;
    }
    const [next, out] = kv.apply(store, c.cmd);
    store = next;
    if (!config.bugs.noSessionTable) sessions = { ...sessions, [c.client]: [c.seq, out] };
    if (leader) send.push(reply(c.client, c.seq, out));
  }
  return { state: { ...s, applied: end, store, sessions }, send };
}
