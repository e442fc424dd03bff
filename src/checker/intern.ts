import { DATA_GUARD, canonicalKey, deepFreeze, hashString } from './canonical.js';

/**
 * Interns values by canonical content: equal values share one small integer
 * id, and each id carries a 64-bit content hash (two 32-bit lanes). Ids are
 * local to one process; hashes are what fingerprints are made of, so two
 * workers that number things differently still agree on fingerprints.
 * With the data guard on, each new value is checked to be JSON data (by its
 * key) and frozen.
 */
export class Pool<T> {
  private readonly ids = new Map<string, number>();
  readonly values: T[] = [];
  readonly hashA: number[] = [];
  readonly hashB: number[] = [];

  intern(value: T, salt = ''): number {
    const key = salt + canonicalKey(value);
    const found = this.ids.get(key);
    if (found !== undefined) return found;
    const id = this.values.length;
    // Frozen once, when first seen: a rule that mutates a state it was given then throws at the mutation.
    if (DATA_GUARD) deepFreeze(value);
    const [a, b] = hashString(key);
    this.ids.set(key, id);
    this.values.push(value);
    this.hashA.push(a);
    this.hashB.push(b);
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}
