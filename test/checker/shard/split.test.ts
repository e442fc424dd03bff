import { describe, expect, it } from 'vitest';
import { formatShard, parseShard } from '../../../src/checker/shard/shard.js';
import { canonicalJson, planShard, setIdentity, shardOfRank, shardSpecs, specHash } from '../../../src/checker/shard/split.js';

const spec = (name: string, raw: unknown = { protocol: 'paxos', name }, file = `spec/${name}.json`) => ({ name, file, raw });
const names = ['raft/correct', 'paxos/amnesia', 'lease/correct', 'paxos/correct-set', 'raft/figure8', 'paxos/cut-link', 'lease/skew'];
const specs = names.map((n) => spec(n));

describe('--shard I/N', () => {
  it('parses I/N and refuses what is not a shard, in one line each', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard('0/4')).toMatch(/I must be from 1 to N=4 \(got 0\); shards count from 1/);
    expect(parseShard('5/4')).toMatch(/I must be from 1 to N=4/);
    expect(parseShard('1/0')).toMatch(/N must be from 1 to 4096/);
    expect(parseShard('1/5000')).toMatch(/N must be from 1 to 4096/);
    for (const bad of ['2', '2/', '/4', 'a/b', '1.5/4', '-1/4', '2/4/8', '']) expect(parseShard(bad)).toMatch(/must look like I\/N/);
    expect(formatShard({ index: 3, count: 8 })).toBe('3/8');
  });
});

describe('splitting a spec set', () => {
  it('puts every spec in exactly one shard, for every N, shard sizes within one of each other', () => {
    for (let n = 1; n <= 10; n++) {
      const parts = Array.from({ length: n }, (_, k) => shardSpecs(specs, { index: k + 1, count: n }).map((s) => s.name));
      expect(parts.flat().sort()).toEqual([...names].sort());
      const sizes = parts.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('deals the specs round-robin in name order, whatever order they came in', () => {
    const sorted = [...names].sort();
    expect(shardSpecs(specs, { index: 1, count: 3 }).map((s) => s.name)).toEqual([sorted[0], sorted[3], sorted[6]]);
    expect(shardSpecs([...specs].reverse(), { index: 2, count: 3 }).map((s) => s.name)).toEqual([sorted[1], sorted[4]]);
    expect(sorted.map((_, k) => shardOfRank(k, 3))).toEqual([1, 2, 3, 1, 2, 3, 1]);
  });

  it('orders two specs of one name by file, so both run, each once', () => {
    const twins = [spec('a', {}, 'x/spec/a.json'), spec('a', {}, 'w/spec/a.json'), spec('b')];
    expect(shardSpecs(twins, { index: 1, count: 2 }).map((s) => s.file)).toEqual(['w/spec/a.json', 'spec/b.json']);
    expect(shardSpecs(twins, { index: 2, count: 2 }).map((s) => s.file)).toEqual(['x/spec/a.json']);
  });

  it('names the set by its specs\' names and contents: order, layout and key order aside', () => {
    const id = setIdentity(specs);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(setIdentity([...specs].reverse())).toBe(id);
    const reordered = specs.map((s) => spec(s.name, { name: s.name, protocol: 'paxos' }));
    expect(setIdentity(reordered)).toBe(id);
    expect(setIdentity(specs.slice(1))).not.toBe(id);
    expect(setIdentity(specs.map((s, k) => (k === 2 ? spec(s.name, { protocol: 'paxos', name: s.name, bugs: ['x'] }) : s)))).not.toBe(id);
    expect(specHash(spec('a', { x: 1 }))).not.toBe(specHash(spec('b', { x: 1 })));
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":null,"d":2}]}');
  });

  it('a plan carries the whole set (identity and names) beside the shard\'s own specs', () => {
    const plan = planShard(specs, { index: 2, count: 2 });
    expect(plan.set).toBe(setIdentity(specs));
    expect(plan.names).toEqual([...names].sort());
    expect(plan.specs.map((s) => s.name)).toEqual([...names].sort().filter((_, k) => k % 2 === 1));
    // More shards than specs: some shards are empty, and still part of the run.
    expect(planShard(specs.slice(0, 2), { index: 3, count: 3 }).specs).toEqual([]);
  });
});
