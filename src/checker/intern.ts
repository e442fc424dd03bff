import { DATA_GUARD, DataError, assertData, sealData, uncheckedKey } from './canonical.js';
import { NOT_DATA, laneA, laneB, sameData, structuralHash } from './structural-hash.js';

/**
 * Interns values by content: equal values share one small integer id, and
 * each id carries a 64-bit content hash (two 32-bit lanes), the hash of
 * its canonical text computed without building the text
 * (structural-hash.ts). Ids are found in an open-addressing table; a hash
 * match is confirmed by comparing the values. Ids are local to one
 * process; hashes are what fingerprints are made of, so two workers that
 * number things differently still agree on fingerprints. With the data guard on, each new value is checked to be
 * JSON data and frozen.
 */
export class Pool<T> {
  readonly values: T[] = [];
  readonly hashA: number[] = [];
  readonly hashB: number[] = [];
  /** Per id: the salt it was interned under (a state and a persisted value that are equal as data stay two ids). */
  private readonly salts: string[] = [];
  /** Open addressing on hashA: id + 1, 0 for empty. */
  private table = new Int32Array(1 << 10);
  private mask = (1 << 10) - 1;

  intern(value: T, salt = ''): number {
    try {
      structuralHash(value, salt);
    } catch (e) {
      if (e === NOT_DATA) notData(value);
      throw e;
    }
    const a = laneA;
    const b = laneB;
    const table = this.table;
    const mask = this.mask;
    let slot = a & mask;
    for (let e = table[slot]; e !== 0; e = table[slot]) {
      const id = e - 1;
      if (this.hashA[id] === a && this.hashB[id] === b && this.salts[id] === salt && sameData(this.values[id], value)) return id;
      slot = (slot + 1) & mask;
    }
    if (DATA_GUARD) {
      // A new value: checked to be data (a Set would hash as {}), then frozen once, so a rule that mutates it throws at the mutation.
      sealData(value);
    }
    const id = this.values.length;
    this.values.push(value);
    this.hashA.push(a);
    this.hashB.push(b);
    this.salts.push(salt);
    table[slot] = id + 1;
    if (2 * (id + 1) > table.length) this.grow();
    return id;
  }

  get size(): number {
    return this.values.length;
  }

  /** Bytes of the lookup table and per-id arrays (not the values themselves). */
  get indexBytes(): number {
    return this.table.byteLength + this.values.length * (8 + 8 + 8 + 8);
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashA[id] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** Throws what canonicalKey (or, without the guard, the unchecked key) says is wrong with a value that failed to hash. */
function notData(value: unknown): never {
  if (DATA_GUARD) assertData(value);
  else uncheckedKey(value);
  throw new DataError('', 'is not plain data');
}
