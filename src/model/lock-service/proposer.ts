/**
 * The proposer side of a serving instance: one client request at a time,
 * run as a Paxos round on the lock's holder (as in CASPaxos: phase 1 reads
 * the holder the highest vote of a quorum names, phase 2 writes the holder
 * the request makes of it). An instance is its own first acceptor: it
 * promises and accepts its own ballot at once and asks the others by
 * message. A ballot that stalls (refused, or its messages lost) is retried
 * at the instance's next ballot: a local step, as a timeout is, bounded by
 * its rounds.
 */
import type { LocalStep, NodeId, Send, Step } from '../contract.js';
import { popcount } from '../paxos/ballots.js';
import { acceptVote, voteLapsed } from './acceptor.js';
import { instanceBit, nextBallot } from './ballots.js';
import type { InstanceState, LockConfig, LockMessage, Op, Vote } from './types.js';

type Out = Step<InstanceState, LockMessage>;
const none: readonly Send<LockMessage>[] = [];

function others(config: LockConfig, self: NodeId, msg: LockMessage): Send<LockMessage>[] {
  return config.instances.filter((to) => to !== self).map((to) => ({ to, msg }));
}

function idle(s: InstanceState): InstanceState {
  return { ...s, phase: 0, op: null, promises: 0, best: null, lapsed: false, acks: 0 };
}

export function describeOp(op: Op): string {
  return `${op.kind} for ${op.client}`;
}

/**
 * What a request makes of the holder that phase 1 read: an acquire takes a
 * free lock (or one whose lease has lapsed) and keeps one its client holds
 * already; a release frees the lock of its holder. 'busy': the lock is
 * another client's; 'done': nothing to write. With the releaseByAnyone bug
 * any client's release frees the lock.
 */
export function outcome(config: LockConfig, op: Op, holder: NodeId | null, lapsed: boolean): { readonly propose: NodeId | null } | 'busy' | 'done' {
  const free = holder === null || lapsed;
  if (op.kind === 'acquire') return free || holder === op.client ? { propose: op.client } : 'busy';
  return holder !== null && (holder === op.client || config.bugs.releaseByAnyone) ? { propose: null } : 'done';
}

function granted(op: Op, token: number): Send<LockMessage> {
  return { to: op.client, msg: { t: 'granted', n: op.n, token } };
}

/** Phase 2 starts, or the round ends, once a quorum has promised. */
function afterPromises(config: LockConfig, self: NodeId, s: InstanceState, clock: number): Out {
  if (popcount(s.promises) < config.majority || s.op === null) return { state: s, send: none };
  const op = s.op;
  const next = outcome(config, op, s.best === null ? null : s.best[1], s.lapsed);
  if (next === 'done') return { state: idle(s), send: none };
  if (next === 'busy') return { state: idle(s), send: [{ to: op.client, msg: { t: 'busy', n: op.n } }] };
  const b = s.ballot;
  const own = b >= s.promised;
  const state: InstanceState = { ...(own ? acceptVote(config, s, b, next.propose, clock) : s), phase: 2, promises: 0, best: null, lapsed: false, acks: own ? instanceBit(config, self) : 0 };
  // The grantWithoutQuorum bug answers here, having set the holder locally, before any other instance has committed.
  const early = config.bugs.grantWithoutQuorum && op.kind === 'acquire' ? [granted(op, b)] : [];
  const out = afterCommits(config, state);
  return { state: out.state, send: [...others(config, self, { t: '2a', b, holder: next.propose }), ...early, ...out.send] };
}

/** A quorum of commits ends the round: an acquire is answered with the ballot as its fencing token. */
function afterCommits(config: LockConfig, s: InstanceState): Out {
  if (popcount(s.acks) < config.majority || s.op === null) return { state: s, send: none };
  const answer = s.op.kind === 'acquire' && !config.bugs.grantWithoutQuorum ? [granted(s.op, s.ballot)] : [];
  return { state: idle(s), send: answer };
}

/** Phase 1a at ballot b: promise it locally, ask the other instances. */
function startBallot(config: LockConfig, self: NodeId, s: InstanceState, op: Op, b: number, clock: number): Out {
  const asked: InstanceState = {
    ...s,
    promised: b,
    ballot: b,
    phase: 1,
    op,
    promises: instanceBit(config, self),
    best: s.accepted,
    lapsed: voteLapsed(config, s, clock),
    acks: 0,
  };
  const out = afterPromises(config, self, asked, clock);
  return { state: out.state, send: [...others(config, self, { t: '1a', b }), ...out.send] };
}

/** A client's acquire or release: taken when idle and a ballot is left, otherwise dropped (the client times out). */
export function onRequest(config: LockConfig, self: NodeId, s: InstanceState, op: Op, clock: number): Out {
  const b = nextBallot(config, self, Math.max(s.ballot, s.promised));
  if (s.phase !== 0 || b === null) return { state: s, send: none };
  return startBallot(config, self, s, op, b, clock);
}

/** A timeout: the ballot has stalled, so the same request is tried again at the instance's next ballot. */
export function retrySteps(config: LockConfig, self: NodeId, s: InstanceState, clock: number): readonly LocalStep<InstanceState, LockMessage>[] {
  const b = nextBallot(config, self, Math.max(s.ballot, s.promised));
  if (s.phase === 0 || s.op === null || b === null) return [];
  const out = startBallot(config, self, s, s.op, b, clock);
  return [{ label: `retries ${describeOp(s.op)} at ballot ${b}`, timer: 'retry', ...out }];
}

function higher(best: Vote | null, lapsed: boolean, acc: Vote | null, accLapsed: boolean): [Vote | null, boolean] {
  if (acc === null) return [best, lapsed];
  if (best === null || acc[0] > best[0]) return [acc, accLapsed];
  // One vote per ballot: another report of the same vote may know its lease lapsed.
  return acc[0] === best[0] ? [best, lapsed || accLapsed] : [best, lapsed];
}

/** A promise (1b) for the current ballot. */
export function onPromise(config: LockConfig, self: NodeId, s: InstanceState, b: number, acc: Vote | null, accLapsed: boolean, from: NodeId, clock: number): Out {
  const bit = instanceBit(config, from);
  if (s.phase !== 1 || b !== s.ballot || (s.promises & bit) !== 0) return { state: s, send: none };
  const [best, lapsed] = higher(s.best, s.lapsed, acc, accLapsed);
  return afterPromises(config, self, { ...s, promises: s.promises | bit, best, lapsed }, clock);
}

/** A commit (2b) for the current ballot. */
export function onCommit(config: LockConfig, s: InstanceState, b: number, from: NodeId): Out {
  const bit = instanceBit(config, from);
  if (s.phase !== 2 || b !== s.ballot || (s.acks & bit) !== 0) return { state: s, send: none };
  return afterCommits(config, { ...s, acks: s.acks | bit });
}
