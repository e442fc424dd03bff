/**
 * The leader half of a candidate replica. Phase 1 runs once for all slots:
 * the candidate prepares a ballot of its own, its acceptor promising at
 * once, and on a majority of promises it re-proposes what they reported
 * (recovery.ts) and leads. Phase 2 then runs per slot: each new client
 * command takes the next free slot, is accepted locally and sent to the
 * other acceptors, and is chosen on a majority of acks (executor.ts).
 */
import type { LocalStep, Send, Step } from '../contract.js';
import type { ClientRequest } from '../clients/types.js';
import { acceptorBit, ballotsOf, popcount } from '../paxos/ballots.js';
import { sameValue, withVote } from './acceptor.js';
import { learn } from './executor.js';
import { mergeVotes, recoveredLog } from './recovery.js';
import type { MultiPaxosConfig, MultiPaxosMessage, ServerState, Value } from './types.js';

type Out = Step<ServerState, MultiPaxosMessage>;
const none: readonly Send<MultiPaxosMessage>[] = [];

/** Forgets the leader's volatile state: after a restart, or preempted by a promise or vote for a higher ballot than `above`. */
export function stepDown(s: ServerState, above = Infinity): ServerState {
  if (s.phase === 0 && s.promises === 0 && s.votes.length === 0 && s.log.length === 0 && s.acks.length === 0) return s;
  if (s.ballot >= above) return s;
  return { ...s, phase: 0, promises: 0, votes: [], log: [], acks: [] };
}

function others(config: MultiPaxosConfig, self: string): readonly string[] {
  return config.acceptors.filter((a) => a !== self);
}

/** Phase 1a: a candidate prepares any of its ballots above every ballot it has seen; its own acceptor promises at once. */
export function startSteps(config: MultiPaxosConfig, self: string, s: ServerState): readonly LocalStep<ServerState, MultiPaxosMessage>[] {
  const steps: LocalStep<ServerState, MultiPaxosMessage>[] = [];
  if (!config.proposers.includes(self)) return steps;
  for (const b of ballotsOf(config, self)) {
    if (b <= s.ballot || b <= s.promised) continue;
    const started: ServerState = { ...s, promised: b, ballot: b, phase: 1, promises: acceptorBit(config, self), votes: s.accepted, log: [], acks: [] };
    const send = others(config, self).map((to) => ({ to, msg: { t: '1a', b } as const }));
    steps.push({ label: `prepares ballot ${b} for every slot`, timer: 'election', ...lead(config, self, started, send) });
  }
  return steps;
}

/** Accepts `v` in `slot` at the leader's own acceptor and proposes it to the others. */
function propose(config: MultiPaxosConfig, self: string, s: ServerState, slot: number, v: Value, send: Send<MultiPaxosMessage>[]): ServerState {
  const log = [...s.log];
  const acks = [...s.acks];
  while (log.length <= slot) log.push(null);
  while (acks.length <= slot) acks.push(0);
  log[slot] = v;
  acks[slot] = acceptorBit(config, self);
  for (const to of others(config, self)) send.push({ to, msg: { t: '2a', b: s.ballot, slot, v } });
  return { ...s, log, acks, accepted: withVote(s.accepted, slot, s.ballot, v) };
}

/** A majority has promised: re-propose what was reported for each slot not known chosen, and lead. */
function lead(config: MultiPaxosConfig, self: string, s: ServerState, send: readonly Send<MultiPaxosMessage>[]): Out {
  if (popcount(s.promises) < config.majority) return { state: s, send };
  const out = [...send];
  const log = recoveredLog(config, s.votes);
  let state: ServerState = { ...s, phase: 2, promises: 0, votes: [], log: log.map(() => null), acks: log.map(() => 0) };
  log.forEach((v, slot) => {
    if (v === null) return;
    if ((s.chosen[slot] ?? null) !== null) state = { ...state, log: state.log.map((x, i) => (i === slot ? v : x)) };
    else state = propose(config, self, state, slot, v, out);
  });
  return counted(config, state, out);
}

/** Learns every slot whose own ack alone is a majority (a single replica). */
function counted(config: MultiPaxosConfig, s: ServerState, send: Send<MultiPaxosMessage>[]): Out {
  let state = s;
  for (let slot = 0; slot < s.log.length; slot++) {
    const v = s.log[slot];
    if (v === null || (state.chosen[slot] ?? null) !== null || popcount(s.acks[slot]) < config.majority) continue;
    const r = learn(config, state, slot, v);
    state = r.state;
    send.push(...r.send);
  }
  return { state, send };
}

/** Phase 1b for the current ballot: count the promise and carry its votes forward. */
export function onPromise(config: MultiPaxosConfig, self: string, s: ServerState, b: number, votes: ServerState['accepted'], from: string): Out {
  const bit = acceptorBit(config, from);
  if (s.phase !== 1 || b !== s.ballot || (s.promises & bit) !== 0) return { state: s, send: none };
  return lead(config, self, { ...s, promises: s.promises | bit, votes: mergeVotes(s.votes, votes) }, []);
}

/** The slot a new command takes: the first open one (only with gapFilledWithCommand), else the next after the log; -1 when the log is full. */
function freeSlot(config: MultiPaxosConfig, s: ServerState): number {
  const open = s.log.indexOf(null);
  const slot = open >= 0 ? open : s.log.length;
  return slot < config.slots ? slot : -1;
}

/**
 * A client request. A request already executed is answered from its
 * session; one already in the log waits for its slot; a new one takes the
 * next free slot. A replica that is not leading ignores it (the client
 * times out and tries another).
 */
export function onRequest(config: MultiPaxosConfig, self: string, s: ServerState, req: ClientRequest, client: string): Out {
  if (s.phase !== 2) return { state: s, send: none };
  const session = s.sessions[client];
  if (session !== undefined && req.seq <= session[0]) {
    return { state: s, send: req.seq === session[0] ? [{ to: client, msg: { t: 'resp', seq: req.seq, out: session[1] } }] : none };
  }
  const entry: Value = { client, seq: req.seq, cmd: req.cmd };
  if (s.log.some((v) => v !== null && sameValue(v, entry))) return { state: s, send: none };
  const slot = freeSlot(config, s);
  if (slot < 0) return { state: s, send: none };
  const send: Send<MultiPaxosMessage>[] = [];
  return counted(config, propose(config, self, s, slot, entry, send), send);
}

/** Phase 2b for the current ballot: on a majority the slot is chosen, learned and executed in order. */
export function onAck(config: MultiPaxosConfig, s: ServerState, b: number, slot: number, from: string): Out {
  const bit = acceptorBit(config, from);
  const v = s.log[slot] ?? null;
  if (s.phase !== 2 || b !== s.ballot || v === null || (s.chosen[slot] ?? null) !== null || (s.acks[slot] & bit) !== 0) return { state: s, send: none };
  const acks = s.acks.map((m, i) => (i === slot ? m | bit : m));
  if (popcount(acks[slot]) < config.majority) return { state: { ...s, acks }, send: none };
  return learn(config, { ...s, acks }, slot, v);
}
