/**
 * P-compositionality (Horn and Kroening; Herlihy and Wing's locality): a
 * history over independent keys is linearizable exactly when each key's
 * sub-history is, so each is searched on its own and the exponential part
 * of the search shrinks to one key's concurrency. Only where every command
 * names its key; otherwise the history stays whole.
 */
import type { AnyMachine } from '../../model/machines/machine.js';
import type { Operation } from './history.js';

export interface Part {
  /** null: the whole history (no splitting). */
  readonly key: string | null;
  /** Indices into the full history, in its order. */
  readonly ops: readonly number[];
}

export function partitionByKey(machine: AnyMachine, ops: readonly Operation[]): Part[] {
  const all = ops.map((_, i) => i);
  const keyOf = machine.key;
  if (keyOf === undefined) return [{ key: null, ops: all }];
  const parts = new Map<string, number[]>();
  for (let i = 0; i < ops.length; i++) {
    const k = keyOf.call(machine, ops[i].command);
    if (k === null) return [{ key: null, ops: all }];
    const list = parts.get(k) ?? [];
    list.push(i);
    parts.set(k, list);
  }
  return [...parts.entries()].map(([key, list]) => ({ key, ops: list }));
}
