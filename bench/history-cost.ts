/**
 * What the clients' ghost history costs, measured on primary-backup's
 * correct spec in one process, one sitting:
 *   full      the history in the world, linearizable + sequentiallyConsistent checked;
 *   unchecked the history in the world, no property checked;
 *   none      the same clients and servers with the history taken out (the
 *             protocol wrapped to declare no object and to drop invoke/respond).
 * States and transitions show what the history adds to the space (worlds
 * that differ only in who returned before whom); CPU and wall seconds what
 * it and its checks cost. Also counts distinct histories and the time spent
 * in the tester. Results: bench/history-cost.json.
 *
 *   npm run bench:history [-- spec.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { bfs } from '../src/checker/bfs.js';
import { parseSpec, type LoadedSpec } from '../src/checker/spec.js';
import { System } from '../src/checker/system.js';
import type { AnyProtocol, GhostHistory, Invariant, LocalStep, Step } from '../src/model/contract.js';
import { findProtocol } from '../src/model/registry.js';

function strip<S extends Step<unknown, unknown>>(s: S): S {
  if (s.invoke === undefined && s.respond === undefined) return s;
  const { invoke: _i, respond: _r, ...rest } = s;
  return rest as S;
}

function withoutHistory(p: AnyProtocol): AnyProtocol {
  const { object: _o, ...rest } = p;
  return {
    ...rest,
    handle: (c, self, s, m, from, clock) => strip(p.handle(c, self, s, m, from, clock)),
    local: (c, self, s, clock) => p.local(c, self, s, clock).map((x) => strip(x) as LocalStep<unknown, unknown>),
  };
}

interface Row {
  readonly variant: string;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly histories?: number;
  readonly testerSeconds?: number;
}

function run(variant: string, spec: LoadedSpec, protocol: AnyProtocol, invariants: readonly Invariant<unknown, unknown, unknown>[]): Row {
  const seen = new Set<GhostHistory>();
  let tester = 0;
  const counted = invariants.map((inv) => ({
    ...inv,
    check: (c: unknown, w: Parameters<typeof inv.check>[1]) => {
      if (w.history !== undefined) seen.add(w.history);
      const t = performance.now();
      const v = inv.check(c, w);
      tester += performance.now() - t;
      return v;
    },
  }));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sys = new System(protocol, spec.config, spec.settings);
  const r = bfs(sys, counted, { limits: spec.limits });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (r.status !== 'exhausted') throw new Error(`${variant}: search ${r.status}`);
  return {
    variant,
    states: r.states,
    transitions: r.transitions,
    depth: r.depth,
    wallSeconds: wall,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...(invariants.length > 0 ? { histories: seen.size, testerSeconds: tester / 1000 } : {}),
  };
}

const file = process.argv[2] ?? 'spec/primary-backup/correct.json';
const spec = parseSpec(file, readFileSync(file, 'utf8'), findProtocol);
const rows = [
  run('full', spec, spec.protocol, spec.invariants),
  run('unchecked', spec, spec.protocol, []),
  run('none', spec, withoutHistory(spec.protocol), []),
];
for (const r of rows) {
  const extra = r.histories === undefined ? '' : `, ${r.histories} distinct histories, ${r.testerSeconds?.toFixed(2)} s in the tester`;
  console.log(`${r.variant.padEnd(9)} ${r.states.toLocaleString('en-US')} states, ${r.transitions.toLocaleString('en-US')} transitions, depth ${r.depth}, ${r.wallSeconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU${extra}`);
}
writeFileSync('bench/history-cost.json', `${JSON.stringify({ spec: file, node: process.version, rows }, null, 2)}\n`);
