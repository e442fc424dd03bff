/**
 * Client requests at a server. Only the leader takes them (a follower drops
 * them; the client times out and retries at the next server). Writes, and
 * with reads "log" gets too, are appended as entries and answered once
 * applied (apply.ts); a retry of a command already applied is answered from
 * the session table, one already in the log waits for it. Gets on the
 * optimised paths are answered without an entry: with a valid lease at
 * once, otherwise (ReadIndex) after a heartbeat round started after they
 * arrived is confirmed (heartbeat.ts), and either way only once the leader
 * has committed an entry of its own term (its no-op): before that its
 * commit index may lag what an earlier leader committed (bug noNoop skips
 * that check).
 */
import type { Send } from '../contract.js';
import type { ClientRequest } from '../clients/types.js';
import { isRead, kv } from '../machines/kv.js';
import { committedInTerm } from '../raft/reconfig.js';
import { appended } from '../raft/replication.js';
import { decodeCommand, encodeCommand } from './commands.js';
import { startRound } from './heartbeat.js';
import { leaseHolds } from './lease.js';
import type { Out } from './server.js';
import type { RaftKvConfig, RaftKvMessage, ServerState } from './types.js';

const none: readonly Send<RaftKvMessage>[] = [];

/** Whether the client's request `seq` is in the log already. */
function inLog(s: ServerState, client: string, seq: number): boolean {
  return s.raft.log.some((e) => {
    const c = typeof e[1] === 'string' ? decodeCommand(e[1]) : null;
    return c !== null && c.client === client && c.seq === seq;
  });
}

/** A command through the log: answered from the session table, left to the entry in the log, or appended. */
export function onLogRequest(config: RaftKvConfig, self: string, s: ServerState, req: ClientRequest, client: string): Out {
  if (!config.bugs.noSessionTable) {
    const last = s.sessions[client];
    if (last !== undefined && last[0] >= req.seq) {
      return { state: s, send: last[0] === req.seq ? [{ to: client, msg: { t: 'resp', seq: req.seq, out: last[1] } }] : none };
    }
    if (inLog(s, client, req.seq)) return { state: s, send: none };
  }
  if (s.raft.log.length >= config.maxLog) return { state: s, send: none };
  const log = [...s.raft.log, [s.raft.term, encodeCommand({ client, seq: req.seq, cmd: req.cmd })] as const];
  return { state: { ...s, raft: appended(config.raft, self, { ...s.raft, log, leaderLog: log }) }, send: none };
}

/**
 * A get on the optimised paths. Each read of a client is taken once per
 * term: a retry or a redelivered request of one taken already is left to
 * the answer sent or pending.
 */
export function onReadRequest(config: RaftKvConfig, self: string, s: ServerState, req: ClientRequest, client: string, clock: number): Out {
  if (!config.bugs.noNoop && !committedInTerm(s.raft)) return { state: s, send: none };
  if ((s.lastRead[client] ?? -1) >= req.seq) return { state: s, send: none };
  const taken: ServerState = { ...s, lastRead: { ...s.lastRead, [client]: req.seq } };
  if (config.reads === 'lease' && leaseHolds(s, clock)) {
    return { state: taken, send: [{ to: client, msg: { t: 'resp', seq: req.seq, out: kv.apply(s.store, req.cmd)[1] } }] };
  }
  const waiting: ServerState = { ...taken, reads: [...s.reads, { client, seq: req.seq, cmd: req.cmd, round: s.round + 1 }] };
  return startRound(config, self, waiting, clock);
}

export function onClientRequest(config: RaftKvConfig, self: string, s: ServerState, req: ClientRequest, client: string, clock: number): Out {
  if (s.raft.role !== 'leader') return { state: s, send: none };
  return config.reads !== 'log' && isRead(req.cmd) ? onReadRequest(config, self, s, req, client, clock) : onLogRequest(config, self, s, req, client);
}
