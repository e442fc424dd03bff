/**
 * The shared log's own properties, beside `linearizable` over the clients'
 * history (which the checker adds for the key-value object): the log is
 * one sequence, in storage and as readers see it.
 */
import type { Invariant, NodeView, Violation, WorldView } from '../contract.js';
import { liveChain, sameValue } from './chain.js';
import { describeValue } from './describe.js';
import type { ClientState, NodeState, ServerState, SharedLogConfig, SharedLogMessage, Value } from './types.js';

type View = WorldView<NodeState, SharedLogMessage>;

function servers(world: View): NodeView<NodeState>[] {
  return world.nodes.filter((n) => n.state.role === 'server');
}

/** The servers of the chain that stands (a dropped head's copy is no longer part of the log). */
function chainServers(config: SharedLogConfig, world: View): { id: string; state: ServerState }[] {
  const all = servers(world);
  const second = all.find((n) => n.id === config.servers[1]);
  const members = liveChain(config, second === undefined ? 1 : (second.state as ServerState).epoch);
  return all.filter((n) => members.includes(n.id)).map((n) => ({ id: n.id, state: n.state as ServerState }));
}

export const onePerPosition: Invariant<SharedLogConfig, NodeState, SharedLogMessage> = {
  name: 'onePerPosition',
  description: 'No position holds two values: the servers of the chain agree on every position any of them has written (write-once, chain order).',
  check(config, world): Violation | null {
    const chain = chainServers(config, world);
    const longest = Math.max(0, ...chain.map((n) => n.state.log.length));
    for (let pos = 0; pos < longest; pos++) {
      const held = chain.flatMap((n) => {
        const v = n.state.log[pos] ?? null;
        return v === null ? [] : [{ id: n.id, v }];
      });
      const other = held.find((h) => !sameValue(h.v, held[0].v));
      if (other === undefined) continue;
      return {
        message: `position ${pos} holds two values: ${describeValue(held[0].v)} and ${describeValue(other.v)}`,
        witnesses: held.map((h) => `${h.id} holds ${describeValue(h.v)} at ${pos}`),
      };
    }
    return null;
  },
};

export const prefixAgreement: Invariant<SharedLogConfig, NodeState, SharedLogMessage> = {
  name: 'prefixAgreement',
  description: 'Readers agree on every prefix: of any two clients\' replayed logs, one is a prefix of the other.',
  check(_config, world): Violation | null {
    const readers = world.nodes.filter((n) => n.state.role === 'client').map((n) => ({ id: n.id, log: (n.state as ClientState).log }));
    for (let i = 0; i < readers.length; i++) {
      for (let j = i + 1; j < readers.length; j++) {
        const a = readers[i];
        const b = readers[j];
        const pos = firstDifference(a.log, b.log);
        if (pos < 0) continue;
        return {
          message: `${a.id} and ${b.id} read different values at position ${pos}`,
          witnesses: [`${a.id} read ${describeValue(a.log[pos])} at ${pos}`, `${b.id} read ${describeValue(b.log[pos])} at ${pos}`],
        };
      }
    }
    return null;
  },
};

function firstDifference(a: readonly Value[], b: readonly Value[]): number {
  for (let p = 0; p < Math.min(a.length, b.length); p++) if (!sameValue(a[p], b[p])) return p;
  return -1;
}
