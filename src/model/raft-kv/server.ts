/**
 * A server is Raft plus the state machine it feeds, in the shape of etcd's
 * Ready loop: a Raft rule runs on the Raft state (src/model/raft, unchanged),
 * and what it produced is then drained here: a server that has just won an
 * election appends its no-op (and, with leases, starts a heartbeat round); a
 * server that stopped leading drops its pending reads and lease; whatever is
 * newly committed is applied and answered.
 */
import type { LocalStep, Send, Step } from '../contract.js';
import { replicateSteps } from '../raft/replication.js';
import { initServer, persist, recoverServer } from '../raft/roles.js';
import type { RaftMessage, RaftPersisted, RaftState } from '../raft/types.js';
import { applyCommitted } from './apply.js';
import { NOOP } from './commands.js';
import { startRound } from './heartbeat.js';
import type { RaftKvConfig, RaftKvMessage, ServerState } from './types.js';

export type Out = Step<ServerState, RaftKvMessage>;
const empty: readonly never[] = [];
const noRecord: Readonly<Record<string, number>> = {};

function leaderless(s: ServerState): ServerState {
  if (s.reads.length === 0 && s.round === 0 && s.confirmed === 0 && s.leaseEnd === 0 && Object.keys(s.lastRead).length === 0) return s;
  return { ...s, reads: empty, round: 0, roundAt: 0, acks: empty, lastRead: noRecord, confirmed: 0, leaseEnd: 0 };
}

export function initKvServer(): ServerState {
  return {
    role: 'server',
    raft: initServer(),
    applied: 0,
    store: {},
    sessions: {},
    reads: empty,
    round: 0,
    roundAt: 0,
    acks: empty,
    lastRead: noRecord,
    confirmed: 0,
    leaseEnd: 0,
    until: 0,
    resumed: true,
  };
}

/** Raft's term, vote and log are on disk; the store, the sessions and the commit index are rebuilt by applying again. */
export function persistKvServer(config: RaftKvConfig, s: ServerState): RaftPersisted {
  return persist(config.raft, s.raft);
}

/** With lease reads a restarted server has forgotten what it promised, so it first waits out a timeout (lease.ts, resumeSteps). */
export function recoverKvServer(config: RaftKvConfig, p: RaftPersisted): ServerState {
  return { ...initKvServer(), raft: recoverServer(p), resumed: config.reads !== 'lease' };
}

/**
 * A new leader that serves reads without the log appends a no-op in its
 * term (dissertation §6.4: until an entry of its term commits it does not
 * know what is committed; bug noNoop leaves it out), and, as etcd's
 * becomeLeader does, before its first AppendEntries go out, so they carry
 * it: they take the place of the empty ones Raft's rule sent (settle).
 * Through the log a get is an entry of the term itself, so there the no-op
 * is left out. With leases the leader also starts its first heartbeat round.
 */
function newLeader(config: RaftKvConfig, self: string, s: ServerState, clock: number): Out {
  const noop = config.reads !== 'log' && !config.bugs.noNoop;
  if (!noop) return config.reads === 'lease' ? startRound(config, self, s, clock) : { state: s, send: empty };
  const log = [...s.raft.log, [s.raft.term, NOOP] as const];
  const led: ServerState = { ...s, raft: { ...s.raft, log, leaderLog: log } };
  const initial = replicateSteps(config.raft, self, led.raft).flatMap((step) => step.send);
  const round = config.reads === 'lease' ? startRound(config, self, led, clock) : { state: led, send: empty };
  return { state: round.state, send: [...initial, ...round.send] };
}

/**
 * A step's result drained: `out` is what a rule made of `s` (a Raft rule's
 * new Raft state set in, or a heartbeat or client rule of this protocol).
 */
export function settle(config: RaftKvConfig, self: string, s: ServerState, out: Out, clock: number): Out {
  if (out.state === s) return out;
  const before = s.raft;
  const raft = out.state.raft;
  let send: Send<RaftKvMessage>[] = [...out.send];
  let state = out.state;
  if (raft.role !== 'leader' || raft.term !== before.term) state = leaderless(state);
  if (raft.role === 'leader' && before.role !== 'leader') {
    const led = newLeader(config, self, state, clock);
    if (led.state.raft.log !== raft.log) send = send.filter((x) => x.msg.t !== 'AE');
    state = led.state;
    send.push(...led.send);
  }
  const applied = applyCommitted(config, state);
  send.push(...applied.send);
  return { state: applied.state, send };
}

/** A Raft rule's result (src/model/raft) drained. */
export function afterRaft(config: RaftKvConfig, self: string, s: ServerState, out: Step<RaftState, RaftMessage>, clock: number): Out {
  if (out.state === s.raft) return out.send.length === 0 ? { state: s, send: empty } : { state: s, send: out.send };
  return settle(config, self, s, { state: { ...s, raft: out.state }, send: out.send }, clock);
}

/** Raft's local steps (timeouts, replication) with their results drained the same way. */
export function afterRaftSteps(config: RaftKvConfig, self: string, s: ServerState, steps: readonly LocalStep<RaftState, RaftMessage>[], clock: number): LocalStep<ServerState, RaftKvMessage>[] {
  return steps.map((step) => ({ label: step.label, ...(step.timer === undefined ? {} : { timer: step.timer }), ...afterRaft(config, self, s, step, clock) }));
}
