import type { Invariant, Predicate, Violation, WorldView } from '../contract.js';
import { maskNames } from './ballots.js';
import type { AcceptorState, PaxosConfig, PaxosMessage, PaxosState, ProposerState } from './types.js';

type View = WorldView<PaxosState, PaxosMessage>;

interface Claim {
  readonly value: string;
  readonly text: string;
}

/** Values chosen right now: a majority of acceptors hold the same (ballot, value) vote. */
function chosenByAcceptors(config: PaxosConfig, world: View): Claim[] {
  const groups = new Map<string, { b: number; v: string; mask: number }>();
  world.nodes.forEach((n) => {
    const s = n.state;
    if (s.role !== 'acceptor' || s.accepted === null) return;
    const key = `${s.accepted[0]}:${s.accepted[1]}`;
    const g = groups.get(key) ?? { b: s.accepted[0], v: s.accepted[1], mask: 0 };
    g.mask |= 1 << config.acceptors.indexOf(n.id);
    groups.set(key, g);
  });
  const out: Claim[] = [];
  for (const g of groups.values()) {
    const count = config.acceptors.filter((_, i) => (g.mask >> i) & 1).length;
    if (count >= config.majority) out.push({ value: g.v, text: `${g.v} chosen by ${maskNames(config, g.mask)} at ballot ${g.b}` });
  }
  return out;
}

function learnedByProposers(world: View): Claim[] {
  const out: Claim[] = [];
  for (const n of world.nodes) {
    if (n.state.role !== 'proposer') continue;
    for (const v of n.state.decided) out.push({ value: v, text: `${n.id} learned ${v} from a majority of acks` });
  }
  return out;
}

export const agreement: Invariant<PaxosConfig, PaxosState, PaxosMessage> = {
  name: 'agreement',
  description: 'At most one value is chosen: every learner learns the same value, and no majority of acceptors ever holds votes for another.',
  check(config, world): Violation | null {
    const claims = [...chosenByAcceptors(config, world), ...learnedByProposers(world)];
    const values = new Set(claims.map((c) => c.value));
    if (values.size <= 1) return null;
    return {
      message: `two values chosen: ${[...values].sort().join(' and ')}`,
      witnesses: claims.map((c) => c.text),
    };
  },
};

export const validity: Invariant<PaxosConfig, PaxosState, PaxosMessage> = {
  name: 'validity',
  description: 'Only a proposed value is accepted or learned.',
  check(config, world): Violation | null {
    const proposed = new Set<string>();
    for (const n of world.nodes) if (n.state.role === 'proposer') for (const v of n.state.proposed) proposed.add(v);
    const bad: string[] = [];
    for (const n of world.nodes) {
      const s = n.state;
      if (s.role === 'acceptor' && s.accepted !== null && !proposed.has(s.accepted[1])) {
        bad.push(`${n.id} accepted ${s.accepted[1]} at ballot ${s.accepted[0]}, which no proposer proposed`);
      }
      if (s.role === 'proposer') {
        for (const v of s.decided) if (!proposed.has(v)) bad.push(`${n.id} learned ${v}, which no proposer proposed`);
      }
    }
    return bad.length === 0 ? null : { message: 'a value that was never proposed was accepted or learned', witnesses: bad };
  },
};

function learnedValues(world: View): string[] {
  const out = new Set<string>();
  for (const n of world.nodes) if (n.state.role === 'proposer') for (const v of n.state.decided) out.add(v);
  return [...out].sort();
}

export const decidedPredicate: Predicate<PaxosConfig, PaxosState, PaxosMessage> = {
  name: 'decided',
  description: 'Some learner has learned a value.',
  holds: (_config, world) => learnedValues(world).length > 0,
};

export const allDecidedPredicate: Predicate<PaxosConfig, PaxosState, PaxosMessage> = {
  name: 'allDecided',
  description: 'Every proposer that is up has learned a value.',
  holds: (_config, world) => world.nodes.every((n) => n.state.role !== 'proposer' || !n.up || (n.state as ProposerState).decided.length > 0),
};

export function decidedValues(_config: PaxosConfig, world: View): readonly string[] {
  return learnedValues(world);
}

export function isAcceptor(s: PaxosState): s is AcceptorState {
  return s.role === 'acceptor';
}
