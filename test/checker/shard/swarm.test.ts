import { describe, expect, it } from 'vitest';
import { systemFor } from '../../../src/checker/run.js';
import { LENGTHS, PACE_MIXES, memberSeed, memberText, swarmMember } from '../../../src/checker/shard/swarm.js';
import { simulateSpec } from '../../../src/checker/simulate/run.js';
import type { SimulationRequest } from '../../../src/checker/simulate/search.js';
import { MAX_SEED, MIN_SEED } from '../../../src/checker/simulate/spec.js';
import { FAVOUR_WEIGHT, PACES, Walker } from '../../../src/checker/simulate/walk.js';
import { toy, toySpec } from '../simulate/toy.js';

const ids = ['n1', 'n2', 'n3'];
const violates = { kind: 'violates', property: 'neverDone' } as const;

describe('swarm members', () => {
  it('member 1 is the plain run: the base seed and length, every pace, no node favoured', () => {
    const m = swarmMember({ index: 1, count: 4 }, 42, 150, ids);
    expect(m).toMatchObject({ seed: 42, maxSteps: 150, paceMix: 'all paces' });
    expect(m.favoured).toBeUndefined();
    expect(m.diversity.paces).toEqual(PACES.map((_, k) => k));
    expect(m.diversity.favour).toBeUndefined();
    expect(memberText(m)).toBe('swarm member 1/4: seed 42, walks of up to 150 steps, all paces, no node favoured');
  });

  it('later members differ in seed, walk length, paces and favoured node, as the cycles say', () => {
    const ms = [1, 2, 3, 4, 5].map((i) => swarmMember({ index: i, count: 5 }, 42, 100, ids));
    expect(ms.map((m) => m.maxSteps)).toEqual(LENGTHS.map((f) => Math.round(100 * f)));
    expect(ms.map((m) => m.paceMix)).toEqual([0, 1, 2, 0, 1].map((k) => PACE_MIXES[k].name));
    expect(ms.map((m) => m.favoured)).toEqual([undefined, 'n1', 'n2', 'n3', undefined]);
    expect(memberText(ms[2])).toMatch(/^swarm member 3\/5: seed -?\d+, walks of up to 200 steps, interruptions, favours n2$/);
  });

  it('gives distinct seeds in fast-check\'s range, and a member does not depend on N', () => {
    const seeds = Array.from({ length: 256 }, (_, k) => memberSeed(7, k + 1));
    expect(new Set(seeds).size).toBe(256);
    for (const s of seeds) expect(s >= MIN_SEED && s <= MAX_SEED && Number.isInteger(s)).toBe(true);
    const { shard: _a, ...in4 } = swarmMember({ index: 3, count: 4 }, 7, 80, ids);
    const { shard: _b, ...in64 } = swarmMember({ index: 3, count: 64 }, 7, 80, ids);
    expect(in64).toEqual(in4);
    expect(swarmMember({ index: 2, count: 2 }, 1, 1, ids).maxSteps).toBe(1);
  });
});

describe('walks of a member', () => {
  const spec = toySpec(toy(1), violates);

  it('take only the member\'s paces', () => {
    const walker = new Walker(systemFor(spec), spec.invariants, { paces: [3, 5] });
    expect([0, 1, 2, 3].map((c) => walker.run([c, 1, 2, 3]).pace)).toEqual([3, 5, 3, 5]);
    // The reduced choices name the pace by its place in the member's list, and take the same walk.
    const out = walker.run([7, 4, 4, 1, 9, 2]);
    expect(out.picks[0]).toBe(1);
    expect(walker.run(out.picks).path).toEqual(out.path);
    expect(() => new Walker(systemFor(spec), spec.invariants, { paces: [] })).toThrow(/paces/);
    expect(() => new Walker(systemFor(spec), spec.invariants, { paces: [PACES.length] })).toThrow(/paces/);
  });

  it('give a favoured node FAVOUR_WEIGHT times the slots, so it acts more often', () => {
    const sys = systemFor(spec);
    // Count how often f1 (node 2) fidgets in the first step, over every choice of slot.
    const firstActor = (favour: number | undefined): number => {
      const w = new Walker(sys, spec.invariants, { paces: [0], ...(favour === undefined ? {} : { favour }) });
      let f1 = 0;
      let total = 0;
      // 84 choices: a multiple of both 4 and 7 slots, so every slot is taken equally often.
      for (let c = 0; c < 84; c++) {
        const out = w.run([0, c], true);
        total++;
        if (out.actions[0]?.startsWith('L2:')) f1++;
      }
      return f1 / total;
    };
    // At the initial world: n1 pings or fidgets, n2 fidgets, f1 fidgets: 4 successors.
    expect(firstActor(undefined)).toBeCloseTo(1 / 4, 5);
    expect(firstActor(2)).toBeCloseTo(FAVOUR_WEIGHT / (3 + FAVOUR_WEIGHT), 5);
  });

  it('are reproducible from (spec, shard, seed): the same member finds the same walk, and its path replays it', () => {
    const request = (i: number, more: Partial<SimulationRequest> = {}): SimulationRequest => {
      const m = swarmMember({ index: i, count: 4 }, 11, 60, ['n1', 'n2', 'f1', 'f2']);
      return { seed: m.seed, maxSteps: m.maxSteps, runs: 300, timeLimit: 60, shrinkTimeLimit: 60, swarm: m, ...more };
    };
    const results = [1, 2, 3, 4].map((i) => simulateSpec(toySpec(toy(2), violates), request(i)));
    for (const [k, r] of results.entries()) {
      expect(r.found?.path.length).toBe(3);
      const again = simulateSpec(toySpec(toy(2), violates), request(k + 1));
      expect(again.found?.replay).toBe(r.found?.replay);
      expect(again.walks).toBe(r.walks);
      const replayed = simulateSpec(toySpec(toy(2), violates), request(k + 1, { replay: r.found?.replay ?? '' }));
      expect(replayed.found?.path).toEqual(r.found?.path);
      expect(r.trace?.notes?.at(-1)).toBe(`replay: --shard ${k + 1}/4 --seed 11 --max-steps 60 --path ${r.found?.replay}`);
    }
    // Members search differently: their first violating walks are not all alike.
    expect(new Set(results.map((r) => `${r.walks}:${r.found?.foundLength}`)).size).toBeGreaterThan(1);
  });
});
