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
  return DATA_GUARD ? strictKey(value, []) : laxKey(value);
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

function strictKey(value: unknown, stack: object[]): string {
  if (value === null) return 'null';
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return JSON.stringify(value);
  if (t === 'number') {
    if (!Number.isFinite(value)) throw new DataError('', describeType(value));
    return JSON.stringify(value);
  }
  if (t !== 'object') throw new DataError('', describeType(value));
  const obj = value as object;
  if (stack.includes(obj)) throw new DataError('', 'refers back to itself (a cycle)');
  stack.push(obj);
  let out: string;
  if (Array.isArray(obj)) {
    if (Object.getPrototypeOf(obj) !== Array.prototype) throw new DataError('', describeType(obj));
    out = '[';
    for (let i = 0; i < obj.length; i++) {
      const x: unknown = obj[i];
      if (x === undefined && !(i in obj)) throw new DataError(pathOf(i), 'is a hole (a sparse array)');
      try {
        out += (i > 0 ? ',' : '') + strictKey(x, stack);
      } catch (e) {
        throw e instanceof DataError ? new DataError(pathOf(i) + e.path, e.problem) : e;
      }
    }
    out += ']';
  } else {
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new DataError('', describeType(obj));
    const keys = Reflect.ownKeys(obj);
    for (const k of keys) if (typeof k === 'symbol') throw new DataError('', `has a symbol key (${k.toString()})`);
    (keys as string[]).sort();
    out = '{';
    const rec = obj as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      try {
        out += (i > 0 ? ',' : '') + JSON.stringify(k) + ':' + strictKey(rec[k], stack);
      } catch (e) {
        throw e instanceof DataError ? new DataError(pathOf(k) + e.path, e.problem) : e;
      }
    }
    out += '}';
  }
  stack.pop();
  return out;
}

/** The key without the guard's checks: what the checker did before the data guard. */
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
export function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  else for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k]);
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
