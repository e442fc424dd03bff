/**
 * Valence of every state of a drawn state graph (FLP): the decision values
 * still reachable from it, found by propagating each state's own decisions
 * backwards along the edges until nothing changes. The graphs drawn are
 * small (capped), so a plain fixed point is enough.
 */
import type { AnyProtocol, WorldView } from '../../model/contract.js';
import type { StateGraph } from './graph.js';
import type { WorldSnapshot } from '../trace.js';

export interface StateValence {
  /** Decision values reachable from the state, sorted. */
  readonly values: readonly string[];
  /** "v1-valent", "bivalent {v1, v2}", "no decision reachable". */
  readonly name: string;
}

function asView(w: WorldSnapshot): WorldView<unknown, unknown> {
  return {
    nodes: w.nodes.map((n, index) => ({ id: n.id, role: n.role, index, up: n.up, state: n.state, clock: n.clock })),
    messages: w.messages.map((m) => ({ from: m.from, to: m.to, msg: m.msg })),
    time: w.time,
  };
}

export function valenceName(values: readonly string[]): string {
  if (values.length === 0) return 'no decision reachable';
  if (values.length === 1) return `${values[0]}-valent`;
  return `${values.length === 2 ? 'bivalent' : `${values.length}-valent`} {${values.join(', ')}}`;
}

/** Per state id; undefined when the protocol reports no decisions. */
export function graphValence(g: StateGraph, protocol: AnyProtocol, config: unknown): StateValence[] | undefined {
  const decided = protocol.decided;
  if (decided === undefined) return undefined;
  const reach = g.states.map((s) => new Set(decided.call(protocol, config, asView(s.world))));
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of g.edges) {
      const from = reach[e.from];
      for (const v of reach[e.to]) {
        if (!from.has(v)) {
          from.add(v);
          changed = true;
        }
      }
    }
  }
  return reach.map((set) => {
    const values = [...set].sort();
    return { values, name: valenceName(values) };
  });
}
