/**
 * Splits a spec set across shards. Specs are ordered by name (then file, so
 * two specs of one name in different folders still have an order) and dealt
 * round-robin: the k-th spec goes to shard (k mod N) + 1. Every spec lands in
 * exactly one shard and shard sizes differ by at most one. The split depends
 * on the whole set, so adding a spec may move others: every shard of a run
 * must see the same set, which is why each shard reports the set's identity
 * (setIdentity) and `synod merge` refuses shards of different sets.
 */
import { createHash } from 'node:crypto';
import type { Shard } from './shard.js';

export interface Named {
  readonly name: string;
  readonly file: string;
}

function byName(a: Named, b: Named): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export function sortedSpecs<T extends Named>(specs: readonly T[]): T[] {
  return [...specs].sort(byName);
}

/** The specs of one shard, in name order. */
export function shardSpecs<T extends Named>(specs: readonly T[], shard: Shard): T[] {
  return sortedSpecs(specs).filter((_, k) => k % shard.count === shard.index - 1);
}

/** The shard (1-based) that runs the k-th spec in name order. */
export function shardOfRank(k: number, count: number): number {
  return (k % count) + 1;
}

/** JSON with object keys sorted, so that layout and key order do not change a spec's identity. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A spec's identity: its name and its content (whitespace and key order aside), 16 hex digits of SHA-256. */
export function specHash(spec: Named & { readonly raw: unknown }): string {
  return sha256(`${spec.name}\n${canonicalJson(spec.raw)}`).slice(0, 16);
}

/** A spec set's identity: the names and contents of all its specs, whatever order they were given in. */
export function setIdentity(specs: readonly (Named & { readonly raw: unknown })[]): string {
  return sha256(sortedSpecs(specs).map((s) => `${s.name}\t${specHash(s)}`).join('\n')).slice(0, 16);
}

export interface ShardPlan<T> {
  readonly shard: Shard;
  /** The whole set's identity and names (name order). */
  readonly set: string;
  readonly names: readonly string[];
  /** This shard's specs. */
  readonly specs: readonly T[];
}

export function planShard<T extends Named & { readonly raw: unknown }>(specs: readonly T[], shard: Shard): ShardPlan<T> {
  return { shard, set: setIdentity(specs), names: sortedSpecs(specs).map((s) => s.name), specs: shardSpecs(specs, shard) };
}
