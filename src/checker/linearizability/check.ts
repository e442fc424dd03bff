/**
 * The tester: is a history linearizable (or sequentially consistent) with
 * respect to a state machine? The same function the model checker runs on
 * every world's ghost history, and a library function a user runs on a
 * history recorded from a real system or a simulation.
 */
import type { Data } from '../../model/contract.js';
import type { AnyMachine } from '../../model/machines/machine.js';
import { findMachine, machines } from '../../model/machines/index.js';
import { HistoryError, parseHistory, type Operation } from './history.js';
import { partitionByKey } from './partition.js';
import { sequentialSearch } from './sequential.js';
import { sameOutput, wgl, type SearchOutcome } from './wgl.js';

export type Consistency = 'linearizable' | 'sequential';

export interface HistoryCheck {
  readonly ok: boolean;
  readonly consistency: Consistency;
  readonly operations: readonly Operation[];
  /** ok: for each searched part (one per key when split), a legal order of its operations (indices into operations). */
  readonly orders: readonly { readonly key: string | null; readonly order: readonly number[] }[];
  /** Not ok: the part that has no legal order (null: the whole history). */
  readonly key?: string | null;
  /** Not ok: the longest legal prefix found (indices into operations). */
  readonly prefix: readonly number[];
  /** Not ok: the first of the unplaced completed operations to return (linearizable) or a client's next one (sequential): the one the explanation is about (index into operations). */
  readonly blocked?: number;
  /** Not ok: one sentence. */
  readonly message: string;
  /** (prefix, state) pairs the search explored, over all parts. */
  readonly explored: number;
}

export interface CheckOptions {
  readonly consistency?: Consistency;
}

function sub(ops: readonly Operation[], idx: readonly number[]): Operation[] {
  return idx.map((i) => ops[i]);
}

function describeOp(machine: AnyMachine, o: Operation): string {
  const out = o.ret === null ? '(pending)' : `→ ${machine.describeOutput(o.output as Data)}`;
  return `${o.client}: ${machine.describeCommand(o.command)} ${out}`;
}

/** Why no order exists, told from the longest prefix: the operation that must be placed and what the object says there. */
function explain(machine: AnyMachine, ops: readonly Operation[], prefix: readonly number[], part: readonly number[], consistency: Consistency): { blocked?: number; message: string } {
  let state = machine.init();
  for (const i of prefix) state = machine.apply(state, ops[i].command)[0];
  const placed = new Set(prefix);
  const left = part.filter((i) => !placed.has(i) && ops[i].ret !== null);
  // Linearizable: the completed operation that returned first must precede everything invoked after it.
  // Sequential: each client's next completed operation.
  const first = consistency === 'linearizable'
    ? left.reduce((a, b) => ((ops[b].ret as number) < (ops[a].ret as number) ? b : a), left[0])
    : left.find((i) => !part.some((j) => !placed.has(j) && ops[j].client === ops[i].client && ops[j].call < ops[i].call));
  const after = prefix.length === 0 ? 'from the initial state' : `after ${prefix.map((i) => machine.describeCommand(ops[i].command)).join(', ')}`;
  const what = consistency === 'linearizable' ? 'linearizable: no legal order respects real time' : 'sequentially consistent: no legal order respects each client\'s order';
  if (first === undefined) return { message: `not ${what}` };
  const o = ops[first];
  const expected = machine.apply(state, o.command)[1];
  const wrong = !sameOutput(expected, o.output as Data);
  const why = wrong
    ? `${o.client}'s ${machine.describeCommand(o.command)} returned ${machine.describeOutput(o.output as Data)}, but ${after} the ${machine.name} returns ${machine.describeOutput(expected)}`
    : `${after}, ${describeOp(machine, o)} fits, but every order from there fails`;
  return { blocked: first, message: `not ${what}: ${why}` };
}

/** Checks operations against a machine; splits by key for linearizability. */
export function checkOperations(machine: AnyMachine, ops: readonly Operation[], options: CheckOptions = {}): HistoryCheck {
  const consistency = options.consistency ?? 'linearizable';
  const parts = consistency === 'linearizable' ? partitionByKey(machine, ops) : [{ key: null, ops: ops.map((_, i) => i) }];
  const orders: { key: string | null; order: number[] }[] = [];
  let explored = 0;
  for (const part of parts) {
    const local = sub(ops, part.ops);
    const r: SearchOutcome = consistency === 'linearizable' ? wgl(machine, local) : sequentialSearch(machine, local);
    explored += r.explored;
    if (!r.ok) {
      const prefix = r.longest.map((i) => part.ops[i]);
      const { blocked, message } = explain(machine, ops, prefix, part.ops, consistency);
      const keyNote = part.key === null || parts.length === 1 ? '' : ` (key ${part.key})`;
      return { ok: false, consistency, operations: ops, orders: [], key: part.key, prefix, ...(blocked === undefined ? {} : { blocked }), message: message + keyNote, explored };
    }
    orders.push({ key: part.key, order: r.order.map((i) => part.ops[i]) });
  }
  return { ok: true, consistency, operations: ops, orders, prefix: [], message: consistency === 'linearizable' ? 'linearizable' : 'sequentially consistent', explored };
}

/**
 * The library entry point: a recorded history (JSON-lines text, or
 * operations) checked against a machine (itself, or its name: "kv",
 * "register"). Throws HistoryError on a malformed history or an unknown
 * machine.
 */
export function checkHistory(machine: AnyMachine | string, history: string | readonly Operation[], options: CheckOptions = {}): HistoryCheck {
  const m = typeof machine === 'string' ? findMachine(machine) : machine;
  if (m === undefined) throw new HistoryError(0, `unknown state machine "${String(machine)}" (known: ${machines().map((x) => x.name).join(', ')})`);
  const ops = typeof history === 'string' ? parseHistory(history) : history;
  return checkOperations(m, ops, options);
}
