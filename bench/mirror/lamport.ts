/**
 * Lamport's Paxos.tla as one synod node: its state is the acceptors'
 * variables and the set of sent messages, and each TLA+ action, with each
 * binding of its parameters, is a local step. Nothing is ever delivered:
 * as in the TLA+ spec, the message set only grows, and loss, duplication
 * and reordering are implicit. Its state graph is TLC's and SPIN's
 * (bench/mirror/paxos.pml): 3,921 states at 2 ballots, 185,369 states and
 * 1,316,583 transitions at 3, 8,220,065 states at 4. Written against the
 * public API only; `npm run bench` runs it beside SPIN.
 */
import type { Invariant, LocalStep, Predicate, Protocol } from '../../src/index.js';
import { ACCEPTORS, BALLOTS_PARAM, BUGS, VALUES, agreement, chosen, configure, describeMsg, mayPropose, withMsg, type Config, type Msg, type Value } from './messages.js';

export interface State {
  /** Per acceptor (ACCEPTORS order): the highest ballot it took part in, -1 for none. */
  readonly maxBal: readonly number[];
  /** The ballot of its last vote, -1 for none. */
  readonly maxVBal: readonly number[];
  /** The value of its last vote, null for None. */
  readonly maxVal: readonly (Value | null)[];
  /** Every message sent so far, in compareMsgs order. */
  readonly msgs: readonly Msg[];
}

type Step = LocalStep<State, never>;

export const initial: State = { maxBal: [-1, -1, -1], maxVBal: [-1, -1, -1], maxVal: [null, null, null], msgs: [] };

const set = <T>(xs: readonly T[], i: number, x: T): readonly T[] => (xs[i] === x ? xs : xs.map((y, k) => (k === i ? x : y)));

/** Phase1a(b): Send([type |-> "1a", bal |-> b]); a stutter step once sent, as in TLA+. */
export function phase1a(s: State, b: number): Step {
  const msgs = withMsg(s.msgs, { type: '1a', bal: b });
  return { label: `Phase1a(${b})`, state: msgs === s.msgs ? s : { ...s, msgs }, send: [] };
}

/** Phase1b(a) with m = 1a(b), when b > maxBal[a]: promise, and report the last vote. */
export function phase1b(s: State, a: number, b: number): Step | null {
  if (!s.msgs.some((m) => m.type === '1a' && m.bal === b) || !(b > s.maxBal[a])) return null;
  const msg: Msg = { type: '1b', acc: ACCEPTORS[a], bal: b, mbal: s.maxVBal[a], mval: s.maxVal[a] };
  return { label: `Phase1b(${ACCEPTORS[a]}) on 1a(${b})`, state: { ...s, maxBal: set(s.maxBal, a, b), msgs: withMsg(s.msgs, msg) }, send: [] };
}

/** Phase2a(b, v): no 2a for b yet, and some quorum's 1b messages allow v. */
export function phase2a(config: Config, s: State, b: number, v: Value): Step | null {
  if (s.msgs.some((m) => m.type === '2a' && m.bal === b)) return null;
  if (!mayPropose(config, s.msgs.filter((m) => m.type === '1b' && m.bal === b), v)) return null;
  return { label: `Phase2a(${b}, ${v})`, state: { ...s, msgs: withMsg(s.msgs, { type: '2a', bal: b, val: v }) }, send: [] };
}

/** Phase2b(a) with m = 2a(b, v), when b >= maxBal[a]: vote. */
export function phase2b(config: Config, s: State, a: number, b: number, v: Value): Step | null {
  if (!s.msgs.some((m) => m.type === '2a' && m.bal === b && m.val === v)) return null;
  if (!config.bugs.noMaxBalCheck && !(b >= s.maxBal[a])) return null;
  const msgs = withMsg(s.msgs, { type: '2b', acc: ACCEPTORS[a], bal: b, val: v });
  const state: State =
    s.maxBal[a] === b && s.maxVBal[a] === b && s.maxVal[a] === v && msgs === s.msgs
      ? s
      : { maxBal: set(s.maxBal, a, b), maxVBal: set(s.maxVBal, a, b), maxVal: set(s.maxVal, a, v), msgs };
  return { label: `Phase2b(${ACCEPTORS[a]}) on 2a(${b}, ${v})`, state, send: [] };
}

/** Next: every action with every binding of its parameters, in a fixed order. */
export function next(config: Config, s: State): Step[] {
  const out: Step[] = [];
  const add = (x: Step | null): void => {
    if (x !== null) out.push(x);
  };
  for (let b = 0; b < config.ballots; b++) {
    out.push(phase1a(s, b));
    for (let a = 0; a < ACCEPTORS.length; a++) add(phase1b(s, a, b));
    for (const v of VALUES) add(phase2a(config, s, b, v));
    for (let a = 0; a < ACCEPTORS.length; a++) for (const v of VALUES) add(phase2b(config, s, a, b, v));
  }
  return out;
}

const twoBs = (s: State): Extract<Msg, { type: '2b' }>[] => s.msgs.filter((m): m is Extract<Msg, { type: '2b' }> => m.type === '2b');

const consistency: Invariant<Config, State, never> = {
  name: 'agreement',
  description: "Paxos.tla's Consistency: no two different values are chosen (a value is chosen at b when a quorum sent 2b for it)",
  check: (_config, world) => agreement(twoBs(world.nodes[0].state)),
};

const decided: Predicate<Config, State, never> = {
  name: 'decided',
  description: 'some value is chosen',
  holds: (_config, world) => chosen(twoBs(world.nodes[0].state)).size > 0,
};

export const lamportPaxos: Protocol<Config, State, never, State> = {
  name: 'lamport-paxos',
  summary: "Lamport's Paxos.tla as one node (acceptors' variables and the message set), each TLA+ action a local step: the state space TLC and SPIN explore",
  params: [BALLOTS_PARAM],
  bugs: BUGS,
  usesTime: false,
  invariants: [consistency],
  predicates: [decided],
  configure,
  nodes: () => [{ id: 'paxos', role: 'system' }],
  init: () => initial,
  handle: (_config, _self, state) => ({ state, send: [] }),
  local: (config, _self, s) => next(config, s),
  persisted: (_config, s) => s,
  recover: (_config, _self, p) => p,
  describeMessage: (m) => String(m),
  describeState: (_config, _self, s) =>
    `maxBal=${JSON.stringify(s.maxBal)} maxVBal=${JSON.stringify(s.maxVBal)} maxVal=${JSON.stringify(s.maxVal)} msgs={${s.msgs.map(describeMsg).join(', ')}}`,
};

export default lamportPaxos;
