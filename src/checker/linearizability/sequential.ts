/**
 * Sequential consistency of one history: some order of all completed
 * operations (and any pending ones) that keeps each client's own order and
 * is legal for the object, real time between clients ignored (Lamport
 * 1979). One outstanding operation per client makes every client's
 * operations a chain, so a candidate order is a vector of per-client
 * positions; a (positions, state) pair is explored once.
 *
 * Unlike linearizability this is not local (Herlihy and Wing): keys cannot
 * be checked apart, so the whole history is searched.
 */
import type { Data } from '../../model/contract.js';
import type { AnyMachine } from '../../model/machines/machine.js';
import { canonicalKey } from '../canonical.js';
import type { Operation } from './history.js';
import type { SearchOutcome } from './wgl.js';
import { sameOutput } from './wgl.js';

export function sequentialSearch(machine: AnyMachine, ops: readonly Operation[]): SearchOutcome {
  const byClient = new Map<string, number[]>();
  ops.forEach((o, i) => {
    const list = byClient.get(o.client) ?? [];
    list.push(i);
    byClient.set(o.client, list);
  });
  const chains = [...byClient.values()].map((l) => l.sort((a, b) => ops[a].call - ops[b].call));
  const must = chains.map((c) => c.filter((i) => ops[i].ret !== null).length);
  const pos = chains.map(() => 0);
  const seen = new Set<string>();
  const path: number[] = [];
  let longest: number[] = [];
  let bestDone = -1;
  let done = 0;
  let explored = 0;
  const finished = (): boolean => pos.every((p, c) => p >= must[c]);
  const go = (state: Data): boolean => {
    if (finished()) return true;
    // Earliest invocation first: a history that is linearizable, or nearly, is then found without backtracking.
    const order: number[] = [];
    for (let c = 0; c < chains.length; c++) if (pos[c] < chains[c].length) order.push(c);
    order.sort((a, b) => ops[chains[a][pos[a]]].call - ops[chains[b][pos[b]]].call);
    for (const c of order) {
      const op = chains[c][pos[c]];
      const o = ops[op];
      const [after, out] = machine.apply(state, o.command);
      if (o.ret !== null && !sameOutput(out, o.output as Data)) continue;
      pos[c]++;
      const key = `${pos.join(',')}|${canonicalKey(after)}`;
      if (!seen.has(key)) {
        seen.add(key);
        explored++;
        path.push(op);
        if (o.ret !== null) done++;
        if (done > bestDone || (done === bestDone && path.length < longest.length)) {
          bestDone = done;
          longest = [...path];
        }
        if (go(after)) return true;
        path.pop();
        if (o.ret !== null) done--;
      }
      pos[c]--;
    }
    return false;
  };
  const ok = go(machine.init());
  return ok ? { ok, order: [...path], longest: [], explored } : { ok, order: [], longest, explored };
}
