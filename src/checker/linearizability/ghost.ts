/**
 * The ghost history kept in the world: pure updates (a client invokes, a
 * client gets its response) and the conversion to operations on a timeline
 * for the tester.
 */
import type { Data, GhostHistory, GhostOp, NodeId } from '../../model/contract.js';
import type { Operation } from './history.js';

export const EMPTY_HISTORY: GhostHistory = {};

function returned(ops: readonly GhostOp[]): number {
  const n = ops.length;
  return n > 0 && ops[n - 1].output === undefined ? n - 1 : n;
}

/** Why an event does not fit the history (one outstanding operation per client), or null. */
export function eventProblem(h: GhostHistory, client: NodeId, kind: 'invoke' | 'respond'): string | null {
  const ops = h[client] ?? [];
  const open = ops.length > 0 && ops[ops.length - 1].output === undefined;
  if (kind === 'invoke' && open) return `${client} invokes while its previous operation is still outstanding (one outstanding operation per client)`;
  if (kind === 'respond' && !open) return `${client} receives a response with no operation outstanding`;
  return null;
}

export function invoke(h: GhostHistory, client: NodeId, command: Data): GhostHistory {
  const seen: Record<NodeId, number> = {};
  for (const [c, ops] of Object.entries(h)) {
    if (c === client) continue;
    const r = returned(ops);
    if (r > 0) seen[c] = r;
  }
  return { ...h, [client]: [...(h[client] ?? []), { command, seen }] };
}

export function respond(h: GhostHistory, client: NodeId, output: Data): GhostHistory {
  const ops = h[client];
  const last = ops[ops.length - 1];
  return { ...h, [client]: [...ops.slice(0, -1), { ...last, output }] };
}

/**
 * The history as operations on one timeline. Events are laid out by a
 * topological sort of the constraints the counts state (b's invocation
 * after the returns it saw; a's return after the invocations that did not
 * see it), which the real run satisfied, so a layout always exists, and any
 * layout gives the same real-time order. Operations come out client by
 * client, each client's in order.
 */
export function ghostOperations(h: GhostHistory): Operation[] {
  const clients = Object.keys(h).sort();
  const ops: { client: NodeId; k: number; g: GhostOp }[] = [];
  for (const c of clients) h[c].forEach((g, k) => ops.push({ client: c, k, g }));
  const call = new Array<number>(ops.length).fill(-1);
  const ret = new Array<number>(ops.length).fill(-1);
  const index = new Map<string, number>();
  ops.forEach((o, i) => index.set(`${o.client}#${o.k}`, i));
  const id = (c: NodeId, k: number): number => index.get(`${c}#${k}`) as number;
  const canCall = (i: number): boolean => {
    const o = ops[i];
    if (o.k > 0 && ret[id(o.client, o.k - 1)] < 0) return false;
    return Object.entries(o.g.seen).every(([c, n]) => n === 0 || ret[id(c, n - 1)] >= 0);
  };
  const canReturn = (i: number): boolean => {
    const o = ops[i];
    if (call[i] < 0 || o.g.output === undefined) return false;
    // Every operation of another client that did not see this one was invoked before it returned.
    return ops.every((b, j) => b.client === o.client || (b.g.seen[o.client] ?? 0) > o.k || call[j] >= 0);
  };
  let t = 0;
  let left = ops.length + ops.filter((o) => o.g.output !== undefined).length;
  while (left > 0) {
    let moved = false;
    for (let i = 0; i < ops.length; i++) {
      if (call[i] < 0 && canCall(i)) {
        call[i] = t++;
        left--;
        moved = true;
      }
    }
    for (let i = 0; i < ops.length && !moved; i++) {
      if (ret[i] < 0 && canReturn(i)) {
        ret[i] = t++;
        left--;
        moved = true;
      }
    }
    if (!moved) throw new Error('ghost history: counts admit no timeline (a checker bug)');
  }
  return ops.map((o, i) =>
    o.g.output === undefined
      ? { client: o.client, command: o.g.command, call: call[i], ret: null }
      : { client: o.client, command: o.g.command, call: call[i], ret: ret[i], output: o.g.output },
  );
}
