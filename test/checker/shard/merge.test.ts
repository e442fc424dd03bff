import { describe, expect, it } from 'vitest';
import { mergedJunitXml } from '../../../src/checker/shard/merge-junit.js';
import { mergeLines } from '../../../src/checker/shard/merge-text.js';
import { mergeRecords, worstCode } from '../../../src/checker/shard/merge.js';
import { readRecord, type ShardRecord } from '../../../src/checker/shard/records.js';

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const shardOf = (k: number, n: number) => ({ index: (k % n) + 1, count: n });

function specLine(name: string, n: number, more: Record<string, unknown> = {}): string {
  const k = NAMES.indexOf(name);
  return JSON.stringify({
    kind: 'check-spec', format: 1, shard: shardOf(k, n), set: 'S1', specHash: `h-${name}`, usesTime: false,
    spec: name, file: `spec/${name}.json`, protocol: 'toy', params: {}, bugs: [], network: 'set',
    verdict: 'pass', expected: 'pass', asExpected: true, states: 10 * (k + 1), transitions: 20 * (k + 1), depth: 3, seconds: 1,
    statesPerSecond: 1, transitionsPerSecond: 1, bytesPerState: 1, collisionProbability: 0, ...more,
  });
}

function closing(index: number, n: number, more: Record<string, unknown> = {}): string {
  const ran = NAMES.filter((_, k) => k % n === index - 1);
  return JSON.stringify({ kind: 'check-shard', format: 1, shard: { index, count: n }, set: 'S1', specs: NAMES, ran, exitCode: 0, seconds: 2, cpuSeconds: 1.5, ...more });
}

function shardLines(index: number, n: number): string[] {
  return [...NAMES.filter((_, k) => k % n === index - 1).map((s) => specLine(s, n)), closing(index, n)];
}

const read = (lines: readonly string[]): ShardRecord[] => lines.map((l, k) => readRecord(l, `f:${k + 1}`));

const step = (label: string) => ({ label, sent: [], world: { time: 0, nodes: [{ id: 'n1', up: true, summary: label, clock: 0 }] } });
function member(index: number, n: number, found?: { steps: number; seconds: number; property?: string }, expected = 'violates p'): string {
  const trace =
    found === undefined
      ? undefined
      : { spec: 'sim', initial: { time: 0, nodes: [{ id: 'n1', up: true, summary: 'start', clock: 0 }] }, steps: Array.from({ length: found.steps }, (_, k) => step(`step ${k + 1}`)), violation: { property: found.property ?? 'p', message: 'broken', witnesses: [] } };
  return JSON.stringify({
    kind: 'simulate-member', format: 1, shard: { index, count: n }, specHash: 'H', profile: `swarm member ${index}/${n}`, usesTime: false,
    spec: 'sim', file: 'bench/specs/sim.json', protocol: 'toy', params: {}, bugs: [], network: 'set',
    request: { seed: 100 + index, maxSteps: 50, runs: 1000, timeLimit: 60, shrinkTimeLimit: 30, swarm: { baseSeed: 7, baseMaxSteps: 40 } },
    verdict: found === undefined ? 'none found' : 'violation', expected, asExpected: found === undefined ? expected === 'pass' : expected === `violates ${found.property ?? 'p'}`,
    ...(found === undefined ? {} : { property: found.property ?? 'p', message: 'broken', found: { path: Array.from({ length: found.steps }, () => 0), replay: `9:${index}`, run: 10, foundLength: found.steps + 5 }, trace }),
    walks: 1000, steps: 20000, seconds: found?.seconds ?? 60, cpuSeconds: (found?.seconds ?? 60) / 2, timedOut: found === undefined, distinctStates: 5,
  });
}

describe('merging check shards', () => {
  it('a complete set: every spec once, figures summed, exit 0', () => {
    const r = mergeRecords(read([1, 2, 3].flatMap((i) => shardLines(i, 3))));
    expect(r.exitCode).toBe(0);
    const run = r.runs[0];
    if (run.kind !== 'check') throw new Error('check run expected');
    expect(run.specs.map((s) => [s.name, s.shard.index, s.verdict])).toEqual([['a', 1, 'pass'], ['b', 2, 'pass'], ['c', 3, 'pass'], ['d', 1, 'pass'], ['e', 2, 'pass']]);
    expect(run.states).toBe(150);
    expect(run.transitions).toBe(300);
    expect(run.figures).toEqual({ seconds: 6, slowest: 2, cpuSeconds: 4.5 });
    expect(mergeLines(r).at(-1)).toBe('merged 1 run: every verdict as expected (exit 0)');
  });

  it('a missing shard: its specs are not run, the run is partial (exit 3), never a pass', () => {
    const r = mergeRecords(read([1, 3].flatMap((i) => shardLines(i, 3))));
    expect(r.exitCode).toBe(3);
    const text = mergeLines(r).join('\n');
    expect(text).toContain('PARTIAL: shard 2/3 missing: not a pass');
    expect(text).toContain('NOT RUN b [shard 2/3]');
    expect(text).toContain('NOT RUN e [shard 2/3]');
    expect(text).toContain('3 of 5 specs as expected');
    const xml = mergedJunitXml(r);
    expect(xml).toContain('tests="5" failures="0" errors="2"');
    expect(xml).toContain('<error type="incomplete" message="not run: shard 2/3 is missing or was cut short"/>');
  });

  it('a shard without its closing line was cut short, even if its specs that ran passed', () => {
    const cut = shardLines(2, 2).slice(0, 1);
    const r = mergeRecords(read([...shardLines(1, 2), ...cut]));
    expect(r.exitCode).toBe(3);
    expect(mergeLines(r).join('\n')).toContain('PARTIAL: shard 2/2 cut short (no closing record): not a pass');
  });

  it('a verdict not as expected decides the run (exit 1), missing shards or not', () => {
    const lines = [...shardLines(1, 2).map((l) => (l.includes('"spec":"c"') ? specLine('c', 2, { verdict: 'violation', asExpected: false, property: 'p', message: 'boom' }) : l))];
    const r = mergeRecords(read(lines));
    expect(r.exitCode).toBe(1);
    expect(mergeLines(r).join('\n')).toContain('FAIL c: violation (p), 30 states, 1.00 s [shard 1/2] (expected pass)');
    expect(mergedJunitXml(r)).toContain('<failure type="verdict" message="expected pass, got violation of p: boom (shard 1/2)"/>');
    expect(worstCode([0, 3, 1])).toBe(1);
    expect(worstCode([0, 3])).toBe(3);
    expect(worstCode([0, 0])).toBe(0);
  });

  it('the same shard twice is read once; twice with different results, or split two ways, is refused', () => {
    expect(mergeRecords(read([...shardLines(1, 1), ...shardLines(1, 1)])).exitCode).toBe(0);
    const other = shardLines(1, 1).map((l) => l.replace('"seconds":2', '"seconds":3'));
    expect(() => mergeRecords(read([...shardLines(1, 1), ...other]))).toThrow(/check shard 1\/1 of set S1 appears twice with different results \(f:6 and f:12\)/);
    expect(() => mergeRecords(read([...shardLines(1, 2), ...shardLines(1, 3)]))).toThrow(/shards split 2 ways \(f:1\) and 3 ways \(f:5\)/);
  });

  it('keeps runs of different spec sets apart', () => {
    const elsewhere = shardLines(1, 1).map((l) => l.replace('"set":"S1"', '"set":"S2"'));
    const r = mergeRecords(read([...shardLines(1, 2), ...elsewhere]));
    expect(r.runs.map((x) => (x.kind === 'check' ? [x.set, x.exitCode] : []))).toEqual([['S1', 3], ['S2', 0]]);
    expect(r.exitCode).toBe(3);
    expect(mergeLines(r)[0]).toBe('note: shards of 2 different spec sets: did every shard check out the same commit?');
  });
});

describe('merging a swarm', () => {
  it('reports the shortest counterexample across members with its replay line, and the first found', () => {
    const r = mergeRecords(read([member(1, 4, { steps: 30, seconds: 5 }), member(2, 4), member(3, 4, { steps: 22, seconds: 40 }), member(4, 4, { steps: 22, seconds: 9 })]));
    expect(r.exitCode).toBe(0);
    const run = r.runs[0];
    if (run.kind !== 'simulate') throw new Error('swarm expected');
    expect(run.shortest?.shard.index).toBe(3);
    expect(run.firstFound?.member.shard.index).toBe(1);
    expect(run.walks).toBe(4000);
    const text = mergeLines(r).join('\n');
    expect(text).toContain('verdict: VIOLATION of p (expected violates p: as expected)');
    expect(text).toContain('first counterexample after 5.00 s (2.50 CPU s) of search, by member 1/4');
    expect(text).toContain('shortest counterexample: 22 steps, by member 3/4 (shrunk from 27)');
    expect(text).toContain('replay: npx synod simulate bench/specs/sim.json --shard 3/4 --seed 7 --max-steps 40 --path 9:3');
    expect(text).toContain('22. step 22');
    expect(text).toContain('violated: p: broken');
  });

  it('a complete swarm that found nothing on a spec expecting pass: a pass marked bounded (simulation)', () => {
    const r = mergeRecords(read([1, 2, 3, 4].map((i) => member(i, 4, undefined, 'pass'))));
    expect(r.exitCode).toBe(0);
    expect(mergeLines(r).join('\n')).toContain('verdict: pass, bounded (simulation): no violation in 4,000 walks of up to 50 steps by 4 members; random walks are not a proof (expected pass: as expected)');
  });

  it('a partial swarm that found nothing is undecided (exit 3); one that found the expected violation has found it', () => {
    const r = mergeRecords(read([1, 2, 4].map((i) => member(i, 4, undefined, 'pass'))));
    expect(r.exitCode).toBe(3);
    const text = mergeLines(r).join('\n');
    expect(text).toContain('PARTIAL: member 3/4 missing: not a pass');
    expect(text).toContain('INCOMPLETE');
    expect(mergedJunitXml(r)).toContain('<error type="incomplete" message="members 3/4 missing: not a pass"/>');
    expect(mergeRecords(read([member(2, 4, { steps: 3, seconds: 1 })])).exitCode).toBe(0);
  });

  it('a violation the spec did not expect, found by any member, fails the run', () => {
    const r = mergeRecords(read([member(1, 2, { steps: 10, seconds: 1 }), member(2, 2, { steps: 12, seconds: 1, property: 'q' })]));
    expect(r.exitCode).toBe(1);
    expect(mergeLines(r).join('\n')).toContain('VIOLATION of p, q (expected violates p: NOT AS EXPECTED)');
    const none = mergeRecords(read([member(1, 2), member(2, 2)]));
    expect(none.exitCode).toBe(1);
  });
});

describe('reading shard output', () => {
  it('refuses what is not a shard record, naming the file, the line and the field', () => {
    expect(() => readRecord('not json', 'x.jsonl:3')).toThrow(/^x\.jsonl:3: not JSON/);
    expect(() => readRecord('[1]', 'x:1')).toThrow('x:1: not a JSON object');
    expect(() => readRecord('{"spec":"a","verdict":"pass"}', 'x:1')).toThrow('x:1: not a shard result (run synod check or simulate with --shard I/N --json)');
    expect(() => readRecord(specLine('a', 2).replace('"format":1', '"format":2'), 'x:1')).toThrow(/x:1: format: this synod reads format 1 \(got 2\)/);
    expect(() => readRecord(specLine('a', 2).replace('"kind":"check-spec"', '"kind":"other"'), 'x:1')).toThrow(/kind: must be one of/);
    expect(() => readRecord(specLine('a', 2, { states: -1 }), 'x:1')).toThrow('x:1: states: must be an integer ≥ 0 (got -1)');
    expect(() => readRecord(specLine('a', 2, { shard: { index: 3, count: 2 } }), 'x:1')).toThrow('x:1: shard: index: must be at most count=2 (got 3)');
    expect(() => readRecord(specLine('a', 2, { trace: { spec: 'a', initial: { time: 0, nodes: [] }, steps: [{ label: 1 }] } }), 'x:1')).toThrow('x:1: trace: steps[0]: label: must be a string (got 1)');
  });
});
