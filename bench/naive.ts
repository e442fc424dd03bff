/**
 * The naive baseline the engine is measured against: the same semantics as
 * src/checker/system.ts (network kinds, fault budgets, time, stale-message
 * collection), written the obvious way. Worlds are object graphs, the model
 * is called on every transition (no memo), and a world's identity is
 * JSON.stringify of a canonical form in a Set<string>.
 *
 * It is also an independent reference: the bench fails a spec when the two
 * engines disagree on distinct states or transitions.
 */
import type { Envelope, GhostHistory, NodeView, Send, Step, WorldView } from '../src/model/contract.js';
import { canonicalKey } from '../src/checker/canonical.js';
import { EMPTY_HISTORY, invoke, respond } from '../src/checker/linearizability/ghost.js';
import { firstBroken } from '../src/checker/invariants.js';
import type { LoadedSpec } from '../src/checker/spec.js';

interface NodeW {
  readonly up: boolean;
  /** The state when up, the persisted value when down. */
  readonly data: unknown;
  /** Local clock minus global time. */
  readonly offset: number;
}

interface World {
  readonly time: number;
  readonly nodes: readonly NodeW[];
  /** crash, restart, amnesia, drop, duplicate, cuts. */
  readonly used: readonly number[];
  /** Cut links as "from>to" indexes, sorted. */
  readonly cuts: readonly string[];
  /** Set and multiset: sorted by key. FIFO: sorted by channel, in queue order within one. */
  readonly net: readonly Msg[];
  /** The clients' ghost history, for protocols that declare an object. */
  readonly hist?: GhostHistory;
}

interface Msg {
  readonly from: number;
  readonly to: number;
  readonly msg: unknown;
  readonly key: string;
}

export interface NaiveResult {
  readonly status: 'exhausted' | 'violation' | 'limit';
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly property?: string;
  /** JS heap in use at the end, after a GC if --expose-gc, with the visited set still alive. */
  readonly heapBytes: number;
}

const CRASH = 0;
const RESTART = 1;
const AMNESIA = 2;
const DROP = 3;
const DUP = 4;
const CUTS = 5;

export function naiveBfs(spec: LoadedSpec, timeLimit: number): NaiveResult {
  const start = performance.now();
  const { protocol: P, config, settings } = spec;
  const defs = P.nodes(config);
  const n = defs.length;
  const index = new Map(defs.map((d, i) => [d.id, i]));
  const f = settings.faults;
  const faultable = defs.map((d) => f.nodes === undefined || f.nodes.includes(d.id));
  const collects = defs.map(
    (_, i) => settings.dropStale && (P.stale !== undefined || P.normalize !== undefined) && !(faultable[i] && f.amnesia > 0),
  );
  const fifo = settings.network === 'fifo';
  const consume = settings.network !== 'set';
  const time = settings.time;
  const object = P.object?.(config) ?? null;

  const chan = (m: Msg): number => m.from * n + m.to;
  const order = (x: Msg, y: Msg): number => (fifo ? chan(x) - chan(y) : x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  const clock = (w: World, i: number): number => (time === null ? 0 : w.time + w.nodes[i].offset);
  const cut = (w: World, a: number, b: number): boolean => w.cuts.includes(`${a}>${b}`);
  /** What becomes of m at its (up) recipient: null if stale, else m or its canonical form. */
  const fateAt = (node: NodeW, m: Msg): Msg | null => {
    if (!node.up) return m;
    const to = defs[m.to].id;
    const from = defs[m.from].id;
    if (P.stale?.(config, to, node.data, m.msg, from) === true) return null;
    const c = P.normalize === undefined ? m.msg : P.normalize(config, to, node.data, m.msg, from);
    return c === m.msg ? m : { ...m, msg: c, key: canonicalKey({ from, to, msg: c }) };
  };

  const fingerprint = (w: World): string =>
    canonicalKey({ t: w.time, n: w.nodes.map((x) => [x.up, x.data, x.offset]), u: w.used, c: w.cuts, m: w.net.map((m) => m.key), h: w.hist ?? null });

  const view = (w: World): WorldView<unknown, unknown> => ({
    time: w.time,
    nodes: w.nodes.map(
      (x, i): NodeView<unknown> => ({
        id: defs[i].id,
        role: defs[i].role,
        index: i,
        up: x.up,
        state: x.up ? x.data : P.recover(config, defs[i].id, x.data),
        clock: clock(w, i),
      }),
    ),
    messages: w.net.map((m): Envelope<unknown> => ({ from: defs[m.from].id, to: defs[m.to].id, msg: m.msg })),
    ...(w.hist === undefined ? {} : { history: w.hist }),
  });

  /** Node i becomes `node`; the message at `consumed` goes; `sends` from i arrive (or are lost). */
  const step = (w: World, i: number, node: NodeW, sends: readonly Send<unknown>[], consumed: number, ev?: Step<unknown, unknown>): World => {
    const nodes = w.nodes.map((x, j) => (j === i ? node : x));
    const adds: Msg[] = [];
    for (const s of sends) {
      const to = index.get(s.to) as number;
      const m0: Msg = { from: i, to, msg: s.msg, key: canonicalKey({ from: defs[i].id, to: s.to, msg: s.msg }) };
      if (cut(w, i, to)) continue;
      const kept = collects[to] ? fateAt(nodes[to], m0) : m0;
      if (kept === null) continue;
      const m = kept;
      if (!consume && (w.net.some((x) => x.key === m.key) || adds.some((x) => x.key === m.key))) continue;
      adds.push(m);
    }
    let net = w.net.filter((_, k) => k !== consumed);
    // A stable merge: additions go after what compares equal, so FIFO channels keep send order.
    for (const m of [...adds].sort(order)) {
      let at = net.length;
      while (at > 0 && order(net[at - 1], m) > 0) at--;
      net = [...net.slice(0, at), m, ...net.slice(at)];
    }
    const old = w.nodes[i];
    // As in System: collection runs when the node's state changed, and on every restart.
    if (collects[i] && node.up && (!old.up || canonicalKey(node.data) !== canonicalKey(old.data))) {
      const kept: Msg[] = [];
      for (const m of net) {
        const k = m.to === i ? fateAt(node, m) : m;
        if (k !== null && (consume || !kept.some((x) => x.key === k.key))) kept.push(k);
      }
      net = fifo ? kept : kept.sort(order);
    }
    let hist = w.hist;
    if (hist !== undefined && ev?.invoke !== undefined) hist = invoke(hist, defs[i].id, ev.invoke);
    if (hist !== undefined && ev?.respond !== undefined) hist = respond(hist, defs[i].id, ev.respond);
    return { ...w, nodes, net, ...(hist === undefined ? {} : { hist }) };
  };
  const withUse = (w: World, k: number): World => ({ ...w, used: w.used.map((u, j) => (j === k ? u + 1 : u)) });

  const successors = (w: World): World[] => {
    const out: World[] = [];
    for (let i = 0; i < n; i++) {
      const x = w.nodes[i];
      if (!x.up) continue;
      for (const s of P.local(config, defs[i].id, x.data, clock(w, i))) out.push(step(w, i, { ...x, data: s.state }, s.send, -1, s));
    }
    let prev: Msg | null = null;
    let prevChan = -1;
    w.net.forEach((m, k) => {
      if (prev !== null && prev.key === m.key) return;
      prev = m;
      if (fifo) {
        if (chan(m) === prevChan) return;
        prevChan = chan(m);
      }
      const x = w.nodes[m.to];
      if (!x.up || cut(w, m.from, m.to)) return;
      const r = P.handle(config, defs[m.to].id, x.data, m.msg, defs[m.from].id, clock(w, m.to));
      out.push(step(w, m.to, { ...x, data: r.state }, r.send, consume ? k : -1, r));
    });
    for (let i = 0; i < n; i++) {
      if (!faultable[i]) continue;
      const x = w.nodes[i];
      if (x.up && w.used[CRASH] < f.crash) out.push(withUse(step(w, i, { ...x, up: false, data: P.persisted(config, x.data) }, [], -1), CRASH));
      if (!x.up && w.used[RESTART] < f.restart) {
        out.push(withUse(step(w, i, { ...x, up: true, data: P.recover(config, defs[i].id, x.data) }, [], -1), RESTART));
      }
      if (!x.up && w.used[AMNESIA] < f.amnesia) out.push(withUse(step(w, i, { ...x, up: true, data: P.init(config, defs[i].id) }, [], -1), AMNESIA));
    }
    if (consume && (w.used[DROP] < f.drop || w.used[DUP] < f.duplicate)) {
      w.net.forEach((m, k) => {
        if (k > 0 && w.net[k - 1].key === m.key) return;
        if (w.used[DROP] < f.drop) out.push(withUse({ ...w, net: w.net.filter((_, j) => j !== k) }, DROP));
        if (w.used[DUP] < f.duplicate) out.push(withUse({ ...w, net: [...w.net.slice(0, k + 1), m, ...w.net.slice(k + 1)] }, DUP));
      });
    }
    if (w.used[CUTS] < f.cuts) {
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          if (a === b) continue;
          const link = `${a}>${b}`;
          const cuts = cut(w, a, b) ? w.cuts.filter((c) => c !== link) : [...w.cuts, link].sort();
          out.push(withUse({ ...w, cuts }, CUTS));
        }
      }
    }
    if (time !== null) {
      if (w.time < time.maxTime) {
        out.push({ ...w, time: w.time + 1, nodes: w.nodes.map((x) => ({ ...x, offset: Math.max(x.offset - 1, -time.skew) })) });
      }
      for (let i = 0; i < n; i++) {
        if (w.nodes[i].offset + 1 > time.skew) continue;
        out.push({ ...w, nodes: w.nodes.map((x, j) => (j === i ? { ...x, offset: x.offset + 1 } : x)) });
      }
    }
    return out;
  };

  const cuts0 = settings.initialCuts.map(([a, b]) => `${index.get(a)}>${index.get(b)}`).sort();
  const init: World = {
    time: 0,
    nodes: defs.map((d) => ({ up: true, data: P.init(config, d.id), offset: 0 })),
    used: [0, 0, 0, 0, 0, 0],
    cuts: cuts0,
    net: [],
    ...(object === null ? {} : { hist: EMPTY_HISTORY }),
  };
  const seen = new Set<string>([fingerprint(init)]);
  const done = (status: NaiveResult['status'], transitions: number, depth: number, property?: string): NaiveResult => {
    const seconds = (performance.now() - start) / 1000;
    (globalThis as { gc?: () => void }).gc?.();
    return {
      status,
      states: seen.size,
      transitions,
      depth,
      seconds,
      // `seen` is still referenced here, so the GC keeps it.
      heapBytes: process.memoryUsage().heapUsed,
      ...(property === undefined ? {} : { property }),
    };
  };
  const b0 = firstBroken(config, spec.invariants, view(init));
  if (b0 !== null) return done('violation', 0, 0, b0.property);
  let level: World[] = [init];
  let depth = 0;
  let transitions = 0;
  while (level.length > 0) {
    if (depth >= spec.limits.maxDepth) return done(spec.bounded ? 'exhausted' : 'limit', transitions, depth);
    const next: World[] = [];
    for (const w of level) {
      for (const s of successors(w)) {
        transitions++;
        const key = fingerprint(s);
        if (seen.has(key)) continue;
        seen.add(key);
        const b = firstBroken(config, spec.invariants, view(s));
        if (b !== null) return done('violation', transitions, depth + 1, b.property);
        next.push(s);
      }
      if ((performance.now() - start) / 1000 > timeLimit) return done('limit', transitions, depth);
    }
    if (next.length > 0) depth++;
    level = next;
  }
  return done('exhausted', transitions, depth);
}
