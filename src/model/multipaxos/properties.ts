/** Safety per slot, and the predicate that shows a gap left open. */
import type { Invariant, Predicate, Violation, WorldView } from '../contract.js';
import { maskNames } from '../paxos/ballots.js';
import { describeValue } from './describe.js';
import type { MultiPaxosConfig, MultiPaxosMessage, NodeState, ServerState, Value } from './types.js';

type View = WorldView<NodeState, MultiPaxosMessage>;

interface Claim {
  readonly slot: number;
  readonly value: string;
  readonly text: string;
}

const servers = (world: View): { id: string; s: ServerState }[] =>
  world.nodes.flatMap((n) => (n.state.role === 'server' ? [{ id: n.id, s: n.state }] : []));

/** Values chosen right now, per slot: a majority of acceptors hold the same (ballot, value) vote there. */
function chosenByAcceptors(config: MultiPaxosConfig, world: View): Claim[] {
  const groups = new Map<string, { slot: number; b: number; v: Value; mask: number }>();
  for (const { id, s } of servers(world)) {
    s.accepted.forEach((vote, slot) => {
      if (vote === null) return;
      const key = `${slot}:${vote[0]}:${describeValue(vote[1])}`;
      const g = groups.get(key) ?? { slot, b: vote[0], v: vote[1], mask: 0 };
      g.mask |= 1 << config.acceptors.indexOf(id);
      groups.set(key, g);
    });
  }
  const out: Claim[] = [];
  for (const g of groups.values()) {
    const count = config.acceptors.filter((_, i) => (g.mask >> i) & 1).length;
    const value = describeValue(g.v);
    if (count >= config.majority) out.push({ slot: g.slot, value, text: `slot ${g.slot}: ${value} chosen by ${maskNames(config, g.mask)} at ballot ${g.b}` });
  }
  return out;
}

function learned(world: View): Claim[] {
  return servers(world).flatMap(({ id, s }) =>
    s.chosen.flatMap((v, slot) => (v === null ? [] : [{ slot, value: describeValue(v), text: `slot ${slot}: ${id} learned ${describeValue(v)}` }])),
  );
}

export const agreement: Invariant<MultiPaxosConfig, NodeState, MultiPaxosMessage> = {
  name: 'agreement',
  description: 'Per slot, at most one value is chosen: no two majorities of acceptors hold votes for different values there, and every replica learns the same one.',
  check(config, world): Violation | null {
    const claims = [...chosenByAcceptors(config, world), ...learned(world)];
    const bySlot = new Map<number, Set<string>>();
    for (const c of claims) bySlot.set(c.slot, (bySlot.get(c.slot) ?? new Set()).add(c.value));
    for (const [slot, values] of [...bySlot].sort((a, b) => a[0] - b[0])) {
      if (values.size <= 1) continue;
      return {
        message: `two values chosen for slot ${slot}: ${[...values].sort().join(' and ')}`,
        witnesses: claims.filter((c) => c.slot === slot).map((c) => c.text),
      };
    }
    return null;
  },
};

export const gapLeftOpen: Predicate<MultiPaxosConfig, NodeState, MultiPaxosMessage> = {
  name: 'gapLeftOpen',
  description: 'A leader holds a chosen slot it cannot execute because an earlier slot of its log has no proposal at all, so it waits for a new client command.',
  holds: (_config, world) =>
    servers(world).some(({ s }) => s.phase === 2 && s.log.some((v, i) => v === null && s.chosen.slice(i + 1).some((c) => c !== null))),
};

export const allAnswered: Predicate<MultiPaxosConfig, NodeState, MultiPaxosMessage> = {
  name: 'allAnswered',
  description: 'Every client has run all its operations and received every reply.',
  holds: (config, world) =>
    world.nodes.every((n) => n.state.role !== 'client' || (!n.state.waiting && n.state.next >= (config.workload[n.id] ?? []).length)),
};

export const requestChosenTwice: Predicate<MultiPaxosConfig, NodeState, MultiPaxosMessage> = {
  name: 'requestChosenTwice',
  description: 'One client request is chosen in two slots (a retry that reached two leaders): why the executor applies each request once.',
  holds: (config, world) =>
    servers(world).some(({ s }) => {
      const seen = new Set<string>();
      return s.chosen.some((v) => {
        if (v === null || v === 'noop') return false;
        const key = `${v.client}#${v.seq}`;
        if (seen.has(key)) return true;
        seen.add(key);
        return false;
      });
    }) || twiceByAcceptors(config, world),
};

function twiceByAcceptors(config: MultiPaxosConfig, world: View): boolean {
  const seen = new Map<string, number>();
  for (const c of chosenByAcceptors(config, world)) {
    if (c.value === 'noop') continue;
    const other = seen.get(c.value);
    if (other !== undefined && other !== c.slot) return true;
    seen.set(c.value, c.slot);
  }
  return false;
}
