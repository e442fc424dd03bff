/**
 * The history properties the checker adds for a protocol with clients:
 * `linearizable` and `sequentiallyConsistent`, checked on every world
 * against the object the protocol declares. Memoised per history (interned,
 * so one object per distinct history): worlds vastly outnumber histories,
 * and the invariant cache already skips worlds whose nodes and history were
 * seen, so the search runs once per distinct history.
 */
import type { GhostHistory, Invariant, Violation } from '../../model/contract.js';
import type { AnyMachine } from '../../model/machines/machine.js';
import { timelineLines, opLabel } from '../report/timeline.js';
import { checkOperations, type Consistency, type HistoryCheck } from './check.js';
import { ghostOperations } from './ghost.js';

export const HISTORY_PROPERTIES = ['linearizable', 'sequentiallyConsistent'] as const;

/** The violation's witnesses: the timeline, then the order that got furthest and the operation that cannot come next. */
export function historyWitnesses(machine: AnyMachine, r: HistoryCheck): string[] {
  const ops = r.operations;
  const lines = ['history (time →; [ invoked, ] returned, … pending):', ...timelineLines(machine, ops).map((l) => `  ${l}`)];
  const order = r.prefix.length === 0 ? 'nothing' : r.prefix.map((i) => opLabel(machine, ops, i)).join(', ');
  lines.push(`longest legal order${r.key === null || r.key === undefined ? '' : ` on key ${r.key}`}: ${order}`);
  if (r.blocked !== undefined) {
    const which = r.consistency === 'linearizable' ? 'the first of the rest to return' : "its client's next operation";
    lines.push(`then ${opLabel(machine, ops, r.blocked)} (${which}) must be placed, and no order places it`);
  }
  return lines;
}

function property(machine: AnyMachine, name: string, consistency: Consistency, description: string): Invariant<unknown, unknown, unknown> {
  const memo = new WeakMap<GhostHistory, Violation | null>();
  return {
    name,
    description,
    check(_config, world) {
      const h = world.history;
      if (h === undefined) return null;
      const known = memo.get(h);
      if (known !== undefined) return known;
      const r = checkOperations(machine, ghostOperations(h), { consistency });
      const v = r.ok ? null : { message: `the clients' history is ${r.message}`, witnesses: historyWitnesses(machine, r) };
      memo.set(h, v);
      return v;
    },
  };
}

export function historyProperties(machine: AnyMachine): Invariant<unknown, unknown, unknown>[] {
  return [
    property(machine, 'linearizable', 'linearizable', `every client history has an order of its operations that respects real time and is legal for the ${machine.name} (pending operations may take effect or not)`),
    property(machine, 'sequentiallyConsistent', 'sequential', `every client history has an order that keeps each client's own order and is legal for the ${machine.name}`),
  ];
}
