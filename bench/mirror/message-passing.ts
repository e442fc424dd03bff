/**
 * The message-passing mirror of Paxos.tla: acceptors a1..a3 and one leader
 * per ballot (l0, l1, ...) as separate nodes on the set network, so that,
 * as in the TLA+ spec, a message once sent stays deliverable forever. The
 * acceptors are Paxos.tla's; leader b sends 1a(b), collects 1b messages and
 * sends one 2a(b, v) that Phase2a allows given the 1b messages it has
 * received; acceptors send their 2b votes to that ballot's leader.
 *
 * Its worlds are exactly Paxos.tla's states with, for each ballot b whose
 * 2a is not sent yet, which of the 1b messages sent to leader b it has
 * received (any subset: deliveries to leader b commute with everything
 * else); once its 2a is sent, leader b forgets them. So
 *
 *   |worlds| = Σ over Paxos.tla's reachable states s of
 *              Π over ballots b with no 2a(b) in s of 2^(number of 1b(b) in s)
 *
 * which test/bench/mirror.test.ts computes from the Lamport mirror's states.
 */
import type { Invariant, LocalStep, Protocol, Step } from '../../src/index.js';
import { ACCEPTORS, BALLOTS_PARAM, BUGS, VALUES, agreement, configure, describeMsg, mayPropose, type Config, type Msg, type Value } from './messages.js';

export interface AcceptorState {
  readonly role: 'acceptor';
  readonly maxBal: number;
  readonly maxVBal: number;
  readonly maxVal: Value | null;
}

export interface LeaderState {
  readonly role: 'leader';
  readonly bal: number;
  /** The 1b messages received, in acceptor order; emptied once the 2a is sent. */
  readonly promises: readonly Msg[];
  readonly sent2a: boolean;
}

export type State = AcceptorState | LeaderState;

const leaderId = (b: number): string => `l${b}`;
const toAcceptors = (msg: Msg): { to: string; msg: Msg }[] => ACCEPTORS.map((to) => ({ to, msg }));

/** Phase1a(b): leader b sends 1a(b) to every acceptor (again: the set network already holds it). */
export function phase1a(s: LeaderState): LocalStep<State, Msg> {
  return { label: `Phase1a(${s.bal})`, state: s, send: toAcceptors({ type: '1a', bal: s.bal }) };
}

/** Phase2a(b, v), once the 1b messages leader b received allow v. */
export function phase2a(config: Config, s: LeaderState, v: Value): LocalStep<State, Msg> | null {
  if (s.sent2a || !mayPropose(config, s.promises, v)) return null;
  return { label: `Phase2a(${s.bal}, ${v})`, state: { ...s, promises: [], sent2a: true }, send: toAcceptors({ type: '2a', bal: s.bal, val: v }) };
}

/** Leader b receives a 1b: kept until its 2a is sent. */
export function onPromise(s: LeaderState, m: Msg, from: string): Step<State, Msg> {
  if (m.type !== '1b' || s.sent2a || s.promises.some((p) => p.type === '1b' && p.acc === from)) return { state: s, send: [] };
  const promises = [...s.promises, m].sort((x, y) => ((x as { acc: string }).acc < (y as { acc: string }).acc ? -1 : 1));
  return { state: { ...s, promises }, send: [] };
}

/** Phase1b(a) on 1a(b), when b > maxBal: promise, and report the last vote to leader b. */
export function onPrepare(s: AcceptorState, self: string, b: number): Step<State, Msg> {
  if (!(b > s.maxBal)) return { state: s, send: [] };
  return { state: { ...s, maxBal: b }, send: [{ to: leaderId(b), msg: { type: '1b', acc: self, bal: b, mbal: s.maxVBal, mval: s.maxVal } }] };
}

/** Phase2b(a) on 2a(b, v), when b >= maxBal: vote, and tell leader b. */
export function onAccept(config: Config, s: AcceptorState, self: string, b: number, v: Value): Step<State, Msg> {
  if (!config.bugs.noMaxBalCheck && !(b >= s.maxBal)) return { state: s, send: [] };
  const state: AcceptorState = s.maxBal === b && s.maxVBal === b && s.maxVal === v ? s : { role: 'acceptor', maxBal: b, maxVBal: b, maxVal: v };
  return { state, send: [{ to: leaderId(b), msg: { type: '2b', acc: self, bal: b, val: v } }] };
}

const consistency: Invariant<Config, State, Msg> = {
  name: 'agreement',
  description: 'no two different values are chosen (a value is chosen at b when a quorum sent 2b for it)',
  readsMessages: true,
  check: (_config, world) => agreement(world.messages.flatMap((e) => (e.msg.type === '2b' ? [e.msg] : []))),
};

export const messagePassingPaxos: Protocol<Config, State, Msg, State> = {
  name: 'lamport-paxos-messages',
  summary: "Paxos.tla's acceptors and one leader per ballot as nodes on the set network (messages stay deliverable forever, as in the TLA+ spec)",
  params: [BALLOTS_PARAM],
  bugs: BUGS,
  usesTime: false,
  invariants: [consistency],
  predicates: [],
  configure,
  nodes: (config) => [...ACCEPTORS.map((id) => ({ id, role: 'acceptor' })), ...Array.from({ length: config.ballots }, (_, b) => ({ id: leaderId(b), role: 'leader' }))],
  init: (_config, self) => (self.startsWith('l') ? { role: 'leader', bal: Number(self.slice(1)), promises: [], sent2a: false } : { role: 'acceptor', maxBal: -1, maxVBal: -1, maxVal: null }),
  handle(config, self, s, m, from) {
    if (s.role === 'leader') return onPromise(s, m, from);
    if (m.type === '1a') return onPrepare(s, self, m.bal);
    if (m.type === '2a') return onAccept(config, s, self, m.bal, m.val);
    return { state: s, send: [] };
  },
  local(config, _self, s) {
    if (s.role !== 'leader') return [];
    const out: LocalStep<State, Msg>[] = [phase1a(s)];
    for (const v of VALUES) {
      const step = phase2a(config, s, v);
      if (step !== null) out.push(step);
    }
    return out;
  },
  persisted: (_config, s) => s,
  recover: (_config, _self, p) => p,
  describeMessage: describeMsg,
  describeState: (_config, _self, s) =>
    s.role === 'acceptor'
      ? `maxBal=${s.maxBal} maxVBal=${s.maxVBal} maxVal=${s.maxVal ?? 'None'}`
      : `ballot ${s.bal}: ${s.sent2a ? '2a sent' : `promises from {${s.promises.map((p) => (p.type === '1b' ? p.acc : '')).join(',')}}`}`,
};

export default messagePassingPaxos;
