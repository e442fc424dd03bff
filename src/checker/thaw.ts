/**
 * Working copies of interned values for the rules the checker calls most
 * (local and handle). Interned values are deep-frozen by the data guard, and
 * on Node 20 V8 runs array builtins (some, filter, slice, spread) on frozen
 * arrays 5-20× slower than on plain ones: on the Lamport mirror that more
 * than doubled the model's own time. So a rule gets a copy whose arrays,
 * and the objects that hold them, are fresh and writable, sharing the rest
 * (frozen objects without arrays, which cost nothing to read). After the
 * call the copy is compared with the interned value (sameData, exact); a
 * rule that changed it is run again on the frozen value itself, where its
 * write throws at the line that made it, as it did before copies. (A write
 * to a copied array that leaves it equal, xs[0] = xs[0], changes nothing and
 * is not reported.)
 *
 * A copied array has its elements only: an array's other properties are
 * not data (not hashed, not compared), so a rule may not rely on them.
 */
import { ShapeError } from './model-guard.js';
import { sameData } from './structural-hash.js';

/** v with every array in it (and every object on the way to one) copied; v itself when it holds no array. */
export function thaw<T>(v: T): T {
  return copyArrays(v) as T;
}

function copyArrays(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) out.push(copyArrays(v[i]));
    return out;
  }
  const rec = v as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const k in rec) {
    const x = rec[k];
    const t = copyArrays(x);
    if (t !== x) {
      copy ??= shallowCopy(rec);
      copy[k] = t;
    }
  }
  return copy ?? v;
}

/** A writable copy of o with o's prototype and all its own properties (non-enumerable ones too). */
function shallowCopy(o: Record<string, unknown>): Record<string, unknown> {
  const proto = Object.getPrototypeOf(o) as object | null;
  const names = Object.getOwnPropertyNames(o);
  if (proto === Object.prototype && names.length === Object.keys(o).length) return { ...o };
  const d = Object.getOwnPropertyDescriptors(o);
  for (const k of names) {
    d[k].writable = true;
    d[k].configurable = true;
  }
  return Object.defineProperties(Object.create(proto) as Record<string, unknown>, d);
}

/**
 * Calls rule(true) on the working copies of the interned (frozen)
 * `values`; if the rule changed a copy, calls rule(false) on the values
 * themselves so that the write throws where it is made (the caller's guard
 * turns it into the usual "mutates a value it was given in <rule>
 * (file:line)"), or says so plainly should the rule not repeat it.
 */
export function onCopies<R>(values: readonly unknown[], copies: readonly unknown[], rule: (onCopies: boolean) => R): R {
  const r = rule(true);
  for (let k = 0; k < values.length; k++) {
    if (copies[k] !== values[k] && !sameData(values[k], copies[k])) {
      rule(false);
      throw new ShapeError('mutates a value it was given (it changed during the call); rules must return new values');
    }
  }
  return r;
}
