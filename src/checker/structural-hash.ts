/**
 * Content hashes and equality for model data, without building any text.
 * The hash is exactly hashString(salt + canonicalKey(v)) (canonical.ts):
 * the characters of the value's canonical JSON rendering (object keys
 * sorted) are fed to the hash as the value is walked, but never put
 * together into a string. So ids, fingerprints, message order, traces and
 * seeded simulations are what they were with text keys, at none of the
 * cost of building, storing and looking up the text. Two values with the
 * same hash are compared by walking both. Nothing is allocated on the way
 * for integers, booleans, null, plain strings and objects with a few keys:
 * the lanes of the last hash are left in `laneA` and `laneB`.
 */
import { fmix32 } from './canonical.js';

/** Thrown when a value is not JSON data (the caller then asks the validator why, with a path). */
export const NOT_DATA = new Error('not data');
/** Deeper than this, a value is taken for a cycle (canonicalKey's bound too). */
const MAX_DEPTH = 256;

/** The two lanes of the last structuralHash(). */
export let laneA = 0;
export let laneB = 0;

let ha = 0;
let hb = 0;
let count = 0;

function feed(c: number): void {
  ha = Math.imul(ha ^ c, 0x01000193);
  hb = Math.imul(hb ^ c, 0x5bd1e995);
  hb ^= hb >>> 15;
  count++;
}

function feedText(s: string): void {
  for (let i = 0; i < s.length; i++) feed(s.charCodeAt(i));
}

/** JSON.stringify(s), fed: quoted as is unless it needs an escape (then the rare slow path). */
function feedString(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      feedText(JSON.stringify(s));
      return;
    }
  }
  feed(0x22);
  feedText(s);
  feed(0x22);
}

const digits = new Int32Array(12);

/** JSON.stringify(v) for a finite number, fed. */
function feedNumber(v: number): void {
  if ((v | 0) === v) {
    // Int32 (and -0, which JSON writes as 0): its decimal digits.
    let x = v;
    if (x < 0) {
      feed(0x2d);
      x = -x;
    }
    let n = 0;
    do {
      digits[n++] = x % 10;
      x = Math.floor(x / 10);
    } while (x > 0);
    while (n > 0) feed(0x30 + digits[--n]);
    return;
  }
  feedText(JSON.stringify(v));
}

/** Per depth, a scratch list of an object's keys, sorted in place. */
const keyScratch: string[][] = [];

function walk(v: unknown, depth: number): void {
  if (v === null) {
    feedText('null');
    return;
  }
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw NOT_DATA;
      feedNumber(v);
      return;
    case 'string':
      feedString(v);
      return;
    case 'boolean':
      feedText(v ? 'true' : 'false');
      return;
    case 'object': {
      if (depth > MAX_DEPTH) throw NOT_DATA;
      if (Array.isArray(v)) {
        feed(0x5b);
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (x === undefined) throw NOT_DATA;
          if (i > 0) feed(0x2c);
          walk(x, depth + 1);
        }
        feed(0x5d);
        return;
      }
      const rec = v as Record<string, unknown>;
      while (keyScratch.length <= depth) keyScratch.push([]);
      const keys = keyScratch[depth];
      let n = 0;
      for (const k in rec) {
        // Insertion sort by code units, as Array.prototype.sort orders strings.
        let j = n++;
        while (j > 0 && keys[j - 1] > k) {
          keys[j] = keys[j - 1];
          j--;
        }
        keys[j] = k;
      }
      feed(0x7b);
      for (let i = 0; i < n; i++) {
        if (i > 0) feed(0x2c);
        const k = keys[i];
        feedString(k);
        feed(0x3a);
        walk(rec[k], depth + 1);
        // A deeper walk reuses only deeper scratch lists: keys[] is intact here.
      }
      feed(0x7d);
      return;
    }
    default:
      throw NOT_DATA;
  }
}

/** Hashes salt + the canonical text of v into laneA/laneB (as hashString would). Throws NOT_DATA. */
export function structuralHash(v: unknown, salt: string): void {
  ha = 0x811c9dc5;
  hb = 0x2545f491;
  count = 0;
  feedText(salt);
  walk(v, 0);
  laneA = fmix32(ha ^ count);
  laneB = fmix32(hb + Math.imul(count, 0x27d4eb2d));
}

function isPlain(o: object): boolean {
  const p = Object.getPrototypeOf(o) as unknown;
  return p === Object.prototype || p === null;
}

/**
 * Whether `candidate` equals `kept` as data (their canonical keys are
 * equal). `kept` is a value already interned (so JSON data); a candidate
 * that is not data (a Set, a class instance, a sparse array, a symbol key)
 * is never equal, so it reaches the validator as a new value.
 */
export function sameData(kept: unknown, candidate: unknown, depth = 0): boolean {
  if (kept === candidate) return true;
  if (typeof kept !== 'object' || typeof candidate !== 'object' || kept === null || candidate === null) return false;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(kept)) {
    if (!Array.isArray(candidate) || kept.length !== candidate.length || Object.getPrototypeOf(candidate) !== Array.prototype) return false;
    for (let i = 0; i < kept.length; i++) if (!sameData(kept[i], candidate[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(candidate) || !isPlain(candidate)) return false;
  // Interned values are frozen; an unfrozen candidate was just built by a rule and may carry a symbol key.
  if (!Object.isFrozen(candidate) && Object.getOwnPropertySymbols(candidate).length > 0) return false;
  const k1 = kept as Record<string, unknown>;
  const k2 = candidate as Record<string, unknown>;
  let n = 0;
  for (const k in k2) {
    if (!Object.prototype.hasOwnProperty.call(k1, k) || !sameData(k1[k], k2[k], depth + 1)) return false;
    n++;
  }
  for (const _ in k1) n--;
  return n === 0;
}
