/**
 * Linearizability of one history by the Wing–Gong search as improved by
 * Lowe (the algorithm Porcupine and Knossos use): walk a list of call and
 * return entries in time order; an operation whose call comes before every
 * remaining return may take effect next; taking it effect removes its call
 * and return from the list ("lift"), and a return reached before its call
 * was lifted means the current prefix is a dead end, so the search
 * backtracks. Memoisation: a (set of linearized operations, object state)
 * pair reached once is never explored again, which turns the search from
 * factorial into (at worst) exponential in the history's concurrency.
 *
 * Pending operations have no return entry: they may take effect (at any
 * point after their call) or never. The history is linearizable once every
 * completed operation is placed.
 */
import type { Data } from '../../model/contract.js';
import type { AnyMachine } from '../../model/machines/machine.js';
import { canonicalKey } from '../canonical.js';
import type { Operation } from './history.js';

export interface SearchOutcome {
  readonly ok: boolean;
  /** ok: operations in a legal order (completed ones and the pending ones that took effect). */
  readonly order: readonly number[];
  /** Not ok: the legal prefix that placed the most completed operations (the fewest pending ones among those). */
  readonly longest: readonly number[];
  /** (prefix, state) pairs explored: the search's cost. */
  readonly explored: number;
}

interface Entry {
  readonly op: number;
  readonly call: boolean;
  readonly time: number;
}

/** Outputs compare by content. */
export function sameOutput(a: Data, b: Data): boolean {
  return a === b || canonicalKey(a) === canonicalKey(b);
}

export function wgl(machine: AnyMachine, ops: readonly Operation[]): SearchOutcome {
  const entries: Entry[] = [];
  ops.forEach((o, i) => {
    entries.push({ op: i, call: true, time: o.call });
    if (o.ret !== null) entries.push({ op: i, call: false, time: o.ret });
  });
  // At equal times calls come first: operations that touch are concurrent, the reading that admits more orders.
  entries.sort((a, b) => a.time - b.time || (a.call === b.call ? a.op - b.op : a.call ? -1 : 1));
  const E = entries.length;
  // Doubly linked list over entries with a head sentinel at index E.
  const next = new Int32Array(E + 1);
  const prev = new Int32Array(E + 1);
  for (let k = 0; k < E; k++) {
    next[k] = k + 1 < E ? k + 1 : -1;
    prev[k] = k === 0 ? E : k - 1;
  }
  next[E] = E > 0 ? 0 : -1;
  const retEntry = new Int32Array(ops.length).fill(-1);
  entries.forEach((e, k) => {
    if (!e.call) retEntry[e.op] = k;
  });
  const unlink = (k: number): void => {
    next[prev[k]] = next[k];
    if (next[k] >= 0) prev[next[k]] = prev[k];
  };
  const relink = (k: number): void => {
    next[prev[k]] = k;
    if (next[k] >= 0) prev[next[k]] = k;
  };

  const bits = new Uint32Array(Math.ceil(ops.length / 32) || 1);
  const seen = new Set<string>();
  const stack: { entry: number; state: Data }[] = [];
  let longest: number[] = [];
  let bestDone = -1;
  let done = 0;
  let state: Data = machine.init();
  let remaining = ops.filter((o) => o.ret !== null).length;
  let entry = next[E];
  let explored = 0;
  while (remaining > 0) {
    if (entry >= 0 && entries[entry].call) {
      const op = entries[entry].op;
      const o = ops[op];
      const [after, out] = machine.apply(state, o.command);
      if (o.ret === null || sameOutput(out, o.output as Data)) {
        bits[op >>> 5] |= 1 << (op & 31);
        const key = `${bits.join(',')}|${canonicalKey(after)}`;
        if (!seen.has(key)) {
          seen.add(key);
          explored++;
          stack.push({ entry, state });
          if (o.ret !== null) done++;
          if (done > bestDone || (done === bestDone && stack.length < longest.length)) {
            bestDone = done;
            longest = stack.map((s) => entries[s.entry].op);
          }
          state = after;
          unlink(entry);
          if (retEntry[op] >= 0) {
            unlink(retEntry[op]);
            remaining--;
          }
          entry = next[E];
          continue;
        }
        bits[op >>> 5] &= ~(1 << (op & 31));
      }
      entry = next[entry];
      continue;
    }
    // A return whose call is still in the list: no order of what is left starts here.
    const top = stack.pop();
    if (top === undefined) return { ok: false, order: [], longest, explored };
    const op = entries[top.entry].op;
    state = top.state;
    bits[op >>> 5] &= ~(1 << (op & 31));
    if (retEntry[op] >= 0) {
      relink(retEntry[op]);
      remaining++;
      done--;
    }
    relink(top.entry);
    entry = next[top.entry];
  }
  return { ok: true, order: stack.map((s) => entries[s.entry].op), longest: [], explored };
}
