/**
 * Canonical content keys and 64-bit content hashes for model data.
 *
 * The key is a JSON rendering with object keys sorted, so two structurally
 * equal values get the same key however they were built. It is computed once
 * per distinct node state or message (interning), never per transition.
 */

/**
 * A value that is not JSON data, found while keying it: `path` locates it
 * from the root (".yes", "[2].votes"), `problem` says what it is ("is a Set").
 */
export class DataError extends Error {
  override name = 'DataError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path === '' ? 'the value' : path.replace(/^\./, '')} ${problem}, not data`);
  }

  /** The message with the path under a root: "state.yes is a Set, not data". */
  under(root: string): string {
    return `${root}${this.path} ${this.problem}, not data`;
  }
}

/**
 * The model contract's data guard: every distinct value the checker interns
 * is checked to be JSON data and frozen. On unless SYNOD_DATA_GUARD=off (for
 * measuring what it costs: bench/README.md).
 */
export const DATA_GUARD = process.env.SYNOD_DATA_GUARD !== 'off';

/**
 * The canonical key of model data. With the data guard on, anything that is
 * not JSON data (a Set, Map, Date or class instance, a function, undefined,
 * NaN or Infinity, a sparse array, a symbol key, a cycle) throws a DataError
 * naming where it is: a Set has no own keys and would otherwise key as {},
 * equal to every other Set.
 */
export function canonicalKey(value: unknown): string {
  if (!DATA_GUARD) return laxKey(value);
  try {
    return strictKey(value, 0);
  } catch (e) {
    if (e !== NOT_DATA) throw e;
    const problem = explain(value, '', []);
    throw problem === NO_PROBLEM ? new DataError('', 'is not plain data') : problem;
  }
}

/**
 * Throws a DataError naming where `value` is not JSON data, as
 * canonicalKey() would, but builds no key: what interning runs on each new
 * value.
 */
export function assertData(value: unknown, checked?: (o: object) => boolean): void {
  if (isData(value, 0, checked)) return;
  const problem = explain(value, '', []);
  throw problem === NO_PROBLEM ? new DataError('', 'is not plain data') : problem;
}

/**
 * assertData and deepFreeze in one walk: checks that `value` is JSON data
 * (throwing assertData's DataError if not) and freezes it, each object
 * after everything in it passed: a value that is not data is itself left
 * unfrozen (its parts that passed are frozen; the run stops at the error).
 * What interning runs on each new value under the data guard.
 */
export function sealData(value: unknown): void {
  if (checkAndFreeze(value, 0)) return;
  assertData(value);
  throw new DataError('', 'is not plain data');
}

function checkAndFreeze(value: unknown, depth: number): boolean {
  if (value === null) return true;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return Number.isFinite(value);
  if (t !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x === undefined || !checkAndFreeze(x, depth + 1)) return false;
    }
  } else {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    const keys = Reflect.ownKeys(value as object);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (typeof k === 'symbol' || !checkAndFreeze((value as Record<string, unknown>)[k], depth + 1)) return false;
    }
  }
  if (!Object.isFrozen(value)) Object.freeze(value);
  return true;
}

/** strictKey's checks alone; objects `checked` says are known data are not walked again. */
function isData(value: unknown, depth: number, checked?: (o: object) => boolean): boolean {
  if (value === null) return true;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return Number.isFinite(value);
  if (t !== 'object' || depth > MAX_DEPTH) return false;
  if (checked !== undefined && checked(value as object)) return true;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x === undefined || !isData(x, depth + 1, checked)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Reflect.ownKeys(value as object);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k === 'symbol' || !isData((value as Record<string, unknown>)[k], depth + 1, checked)) return false;
  }
  return true;
}

/** Thrown by the fast check; explain() then walks the value again to say where and what. */
const NOT_DATA = new Error('not data');
/** Deeper than this, a value is taken for a cycle until explain() says otherwise. */
const MAX_DEPTH = 256;

/** The key, or NOT_DATA: no paths are built and nothing is caught on the way down (this runs on every intern). */
function strictKey(value: unknown, depth: number): string {
  if (value === null) return 'null';
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return JSON.stringify(value);
  if (t === 'number') {
    if (!Number.isFinite(value)) throw NOT_DATA;
    return JSON.stringify(value);
  }
  if (t !== 'object' || depth > MAX_DEPTH) throw NOT_DATA;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw NOT_DATA;
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x === undefined) throw NOT_DATA;
      out += (i > 0 ? ',' : '') + strictKey(x, depth + 1);
    }
    return out + ']';
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_DATA;
  const keys = Reflect.ownKeys(value as object);
  for (let i = 0; i < keys.length; i++) if (typeof keys[i] === 'symbol') throw NOT_DATA;
  (keys as string[]).sort();
  const rec = value as Record<string, unknown>;
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += (i > 0 ? ',' : '') + JSON.stringify(k) + ':' + strictKey(rec[k], depth + 1);
  }
  return out + '}';
}

function describeType(v: unknown): string {
  if (v === undefined) return 'is undefined';
  if (typeof v === 'number') return `is ${String(v)}`;
  if (typeof v === 'function') return `is a function${v.name === '' ? '' : ` (${v.name})`}`;
  if (typeof v === 'bigint') return 'is a bigint';
  if (typeof v === 'symbol') return 'is a symbol';
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  const name = proto?.constructor?.name;
  return name === undefined || name === '' ? 'is an object with a prototype' : `is a${/^[AEIOU]/.test(name) ? 'n' : ''} ${name}`;
}

function pathOf(key: string | number): string {
  return typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The first thing in `value` that is not data, with its path (off the hot path: only after the fast check failed). */
function explain(value: unknown, path: string, stack: object[]): DataError {
  const t = typeof value;
  if (value === null || t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(value))) return NO_PROBLEM;
  if (t !== 'object') return new DataError(path, describeType(value));
  const obj = value as object;
  if (stack.includes(obj)) return new DataError(path, 'refers back to itself (a cycle)');
  if (stack.length >= MAX_DEPTH) return new DataError(path, `is nested more than ${MAX_DEPTH} levels deep`);
  if (Array.isArray(obj)) {
    if (Object.getPrototypeOf(obj) !== Array.prototype) return new DataError(path, describeType(obj));
    stack.push(obj);
    for (let i = 0; i < obj.length; i++) {
      if (!(i in obj)) return new DataError(path + pathOf(i), 'is a hole (a sparse array)');
      const e = explain(obj[i], path + pathOf(i), stack);
      if (e !== NO_PROBLEM) return e;
    }
    stack.pop();
    return NO_PROBLEM;
  }
  const proto = Object.getPrototypeOf(obj) as unknown;
  if (proto !== Object.prototype && proto !== null) return new DataError(path, describeType(obj));
  const symbol = Object.getOwnPropertySymbols(obj)[0];
  if (symbol !== undefined) return new DataError(path, `has a symbol key (${symbol.toString()})`);
  stack.push(obj);
  for (const k of Object.keys(obj).sort()) {
    const e = explain((obj as Record<string, unknown>)[k], path + pathOf(k), stack);
    if (e !== NO_PROBLEM) return e;
  }
  stack.pop();
  return NO_PROBLEM;
}

const NO_PROBLEM = new DataError('', 'is data');

/**
 * The key without the guard's checks: what the checker did before the data
 * guard (and what the naive reference in bench/ keys every world with).
 */
export function uncheckedKey(value: unknown): string {
  return laxKey(value);
}

function laxKey(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) throw new TypeError('model data must not contain undefined');
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`model data must not contain ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + laxKey(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i > 0 ? ',' : '') + JSON.stringify(keys[i]) + ':' + laxKey(obj[keys[i]]);
  return out + '}';
}

/** Freezes a value and everything in it, so that a rule that mutates it throws at the mutation. */
export function deepFreeze(value: unknown, frozen?: (o: object) => boolean): void {
  if (typeof value !== 'object' || value === null || (frozen !== undefined && frozen(value))) return;
  Object.freeze(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i], frozen);
  else for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k], frozen);
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two independent 32-bit hashes of a string (together, a 64-bit content hash). */
export function hashString(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [fmix32(a ^ s.length), fmix32(b + Math.imul(s.length, 0x27d4eb2d))];
}
