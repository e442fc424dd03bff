/** What safety properties and traces see of a simulated world. */
import type { AnyProtocol, Data, GhostHistory } from '../../model/contract.js';
import type { LoadedSpec } from '../spec.js';
import type { WorldSnapshot } from '../trace.js';
import type { EventHeap } from './heap.js';
import type { NodeRt, SimEvent } from './types.js';

const localClock = (n: NodeRt, now: number): number => Math.floor(now * n.rate);

/** The first of the spec's invariants that the world breaks, or null. */
export function safetyViolation(
  spec: LoadedSpec,
  nodes: readonly NodeRt[],
  heap: EventHeap<SimEvent>,
  now: number,
  history: GhostHistory | null,
): { property: string; message: string; witnesses: readonly string[] } | null {
  if (spec.invariants.length === 0) return null;
  const reads = spec.invariants.some((i) => i.readsMessages === true);
  const world = {
    nodes: nodes.map((n) => ({ id: n.id, role: n.role, index: n.index, up: n.up, state: n.state, clock: localClock(n, now) })),
    messages: reads ? heap.all().flatMap((e) => (e.kind === 'deliver' ? [e.env] : [])) : [],
    time: Math.floor(now),
    ...(history === null ? {} : { history }),
  };
  for (const inv of spec.invariants) {
    const v = inv.check(spec.config, world);
    if (v !== null) return { property: inv.name, message: v.message, witnesses: v.witnesses };
  }
  return null;
}

/** The world as a trace step shows it: nodes, messages in flight in delivery order, cut links between nodes. */
export function worldSnapshot(p: AnyProtocol, config: unknown, nodes: readonly NodeRt[], heap: EventHeap<SimEvent>, cut: ReadonlySet<string>, now: number): WorldSnapshot {
  const cuts: [string, string][] = [];
  for (const a of nodes) for (const b of nodes) if (a.place !== b.place && cut.has(`${a.place}>${b.place}`)) cuts.push([a.id, b.id]);
  return {
    time: Math.round(now * 1000) / 1000,
    nodes: nodes.map((n) => ({ id: n.id, role: n.role, up: n.up, state: n.state as Data, summary: p.describeState(config, n.id, n.state), clock: localClock(n, now) })),
    messages: heap
      .all()
      .flatMap((e) => (e.kind === 'deliver' ? [e] : []))
      .sort((x, y) => x.time - y.time || x.seq - y.seq)
      .map((e) => ({ from: e.env.from, to: e.env.to, msg: e.env.msg as Data, text: p.describeMessage(e.env.msg) })),
    cuts,
    faultsUsed: {},
  };
}
