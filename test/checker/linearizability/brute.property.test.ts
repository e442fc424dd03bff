/**
 * The tester against a brute-force reference: every order of every subset
 * of pending operations, kept when it respects real time (or client order)
 * and replays legally. Small random histories over two keys, with outputs
 * drawn both from legal runs and at random, so both verdicts occur.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOperations, type Consistency } from '../../../src/checker/linearizability/check.js';
import { precedes, type Operation } from '../../../src/checker/linearizability/history.js';
import { sameOutput } from '../../../src/checker/linearizability/wgl.js';
import type { Data } from '../../../src/model/contract.js';
import { kv } from '../../../src/model/machines/kv.js';

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length === 0) return [[]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function bruteForce(ops: readonly Operation[], consistency: Consistency): boolean {
  const pending = ops.map((_, i) => i).filter((i) => ops[i].ret === null);
  const done = ops.map((_, i) => i).filter((i) => ops[i].ret !== null);
  for (let mask = 0; mask < 1 << pending.length; mask++) {
    const chosen = [...done, ...pending.filter((_, k) => (mask >> k) & 1)];
    for (const order of permutations(chosen)) {
      const respects = order.every((a, x) =>
        order.slice(x + 1).every((b) =>
          consistency === 'linearizable' ? !precedes(ops[b], ops[a]) : !(ops[a].client === ops[b].client && ops[b].call < ops[a].call),
        ),
      );
      if (!respects) continue;
      let state: Data = kv.init();
      let legal = true;
      for (const i of order) {
        const [s, out] = kv.apply(state as never, ops[i].command as never);
        state = s;
        if (ops[i].ret !== null && !sameOutput(out, ops[i].output as Data)) legal = false;
      }
      if (legal) return true;
    }
  }
  return false;
}

/** Up to 3 clients, each a chain of up to 2 operations (6! orders at most); times are positions in a random interleaving of their events. */
const history = fc
  .array(
    fc.array(
      fc.record({
        cmd: fc.oneof(
          fc.record({ op: fc.constant('get'), key: fc.constantFrom('x', 'y') }),
          fc.record({ op: fc.constant('put'), key: fc.constantFrom('x', 'y'), value: fc.integer({ min: 1, max: 2 }) }),
          fc.record({ op: fc.constant('cas'), key: fc.constantFrom('x', 'y'), from: fc.constantFrom(null, 1, 2), to: fc.integer({ min: 1, max: 2 }) }),
        ),
        out: fc.constantFrom<Data>(null, 1, 2, 'ok', true, false),
        legal: fc.boolean(),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .chain((clients) => {
    const events = clients.flatMap((ops, c) => ops.flatMap((_, k) => [[c, k, 0] as const, [c, k, 1] as const]));
    return fc.tuple(fc.constant(clients), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.integer({ min: 0, max: 7 }));
  })
  .map(([clients, shuffled, pendingMask]) => {
    // Per client, events must come in chain order: sort each client's events by (op, call-before-return) while keeping the slots.
    const slots = new Map<number, number[]>();
    shuffled.forEach(([c], t) => slots.set(c, [...(slots.get(c) ?? []), t]));
    const ops: Operation[] = [];
    // A legal-looking output comes from a sequential run in call order, so some histories pass.
    let state: Data = kv.init();
    clients.forEach((list, c) => {
      const times = slots.get(c) ?? [];
      list.forEach((o, k) => {
        const [s, legalOut] = kv.apply(state as never, o.cmd as never);
        state = s;
        const last = k === list.length - 1;
        const pending = last && ((pendingMask >> c) & 1) === 1;
        const base = { client: `c${c}`, command: o.cmd as Data, call: times[2 * k] };
        ops.push(pending ? { ...base, ret: null } : { ...base, ret: times[2 * k + 1], output: o.legal ? legalOut : o.out });
      });
    });
    return ops.sort((a, b) => a.call - b.call);
  });

describe('the tester agrees with brute force on small random histories', () => {
  for (const consistency of ['linearizable', 'sequential'] as const) {
    it(consistency, () => {
      let yes = 0;
      let no = 0;
      fc.assert(
        fc.property(history, (ops) => {
          const expected = bruteForce(ops, consistency);
          if (expected) yes++;
          else no++;
          expect(checkOperations(kv, ops, { consistency }).ok).toBe(expected);
        }),
        { numRuns: 400, seed: 16 },
      );
      // Both verdicts occur, or the property could not fail.
      expect(yes).toBeGreaterThan(20);
      expect(no).toBeGreaterThan(20);
    }, 120_000);
  }
});
