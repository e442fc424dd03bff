/**
 * A history drawn as a timeline, one row per client, time to the right:
 *
 *   c1  [#1 put(x, 1) → ok]  [#3 get(x) → nil]
 *   c2        [#2 get(x) → 1----------------]
 *
 * `[` is an invocation, `]` its return, `…` a pending operation. Events are
 * laid out in their real-time order, spaced so every label fits; two bars
 * overlap exactly when the operations were concurrent.
 */
import type { Data } from '../../model/contract.js';
import type { AnyMachine } from '../../model/machines/machine.js';
import type { Operation } from '../linearizability/history.js';

/** "#2 get(x) → nil", "#3 put(x, 2) (pending)". */
export function opLabel(machine: AnyMachine, ops: readonly Operation[], i: number): string {
  const o = ops[i];
  return `#${i + 1} ${machine.describeCommand(o.command)}${o.ret === null ? ' (pending)' : ` → ${machine.describeOutput(o.output as Data)}`}`;
}

/** In a bar: a pending operation's bar ends in … instead of saying so. */
function barLabel(machine: AnyMachine, ops: readonly Operation[], i: number): string {
  const o = ops[i];
  return o.ret === null ? `#${i + 1} ${machine.describeCommand(o.command)}` : opLabel(machine, ops, i);
}

export function timelineLines(machine: AnyMachine, ops: readonly Operation[]): string[] {
  if (ops.length === 0) return ['(no operations)'];
  const times = [...new Set(ops.flatMap((o) => (o.ret === null ? [o.call] : [o.call, o.ret])))].sort((a, b) => a - b);
  const x = new Map<number, number>();
  const labels = ops.map((_, i) => barLabel(machine, ops, i));
  let col = 0;
  for (const t of times) {
    let at = col;
    ops.forEach((o, i) => {
      if (o.ret === t) at = Math.max(at, (x.get(o.call) as number) + labels[i].length + 1);
    });
    x.set(t, at);
    col = at + 2;
  }
  const end = Math.max(col, ...ops.map((o, i) => (o.ret === null ? (x.get(o.call) as number) + labels[i].length + 3 : 0)));
  const clients = [...new Set(ops.map((o) => o.client))];
  const pad = Math.max(...clients.map((c) => c.length));
  return clients.map((c) => {
    const row = new Array<string>(end + 1).fill(' ');
    ops.forEach((o, i) => {
      if (o.client !== c) return;
      const a = x.get(o.call) as number;
      const b = o.ret === null ? end : (x.get(o.ret) as number);
      row[a] = '[';
      for (let k = a + 1; k < b; k++) row[k] = '-';
      row[b] = o.ret === null ? '…' : ']';
      for (let k = 0; k < labels[i].length && a + 1 + k < b; k++) row[a + 1 + k] = labels[i][k];
    });
    return `${c.padEnd(pad)}  ${row.join('').trimEnd()}`;
  });
}
