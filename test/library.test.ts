/** check(): the CLI's powers from code — loading, options, counterexample files, JUnit, exit code. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, loadSpecFile, ModelError, simulateSpec, type Protocol } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'synod-library-'));

/** Two counters; the invariant (wrongly) claims they are never both 1. */
const mine: Protocol<null, number, never, number> = {
  name: 'mine',
  summary: 'two counters',
  params: [],
  bugs: [],
  usesTime: false,
  invariants: [
    { name: 'notBothOne', description: 'never both 1', check: (_c, w) => (w.nodes.every((n) => n.state === 1) ? { message: 'both are 1', witnesses: [] } : null) },
  ],
  predicates: [{ name: 'someTwo', description: 'a counter reached 2', holds: (_c, w) => w.nodes.some((n) => n.state === 2) }],
  configure: () => null,
  nodes: () => [
    { id: 'x', role: 'node' },
    { id: 'y', role: 'node' },
  ],
  init: () => 0,
  handle: (_c, _s, st) => ({ state: st, send: [] }),
  local: (_c, _s, st) => (st < 2 ? [{ label: 'increments', state: st + 1, send: [] }] : []),
  persisted: (_c, st) => st,
  recover: (_c, _s, p) => p,
  describeMessage: () => '',
  describeState: (_c, _s, st) => String(st),
};

describe('check()', () => {
  it('checks spec files and specs written in code, writes the counterexample files and JUnit, and gives the exit code', async () => {
    const out = join(tmp, 'cx');
    const junit = join(tmp, 'junit.xml');
    const report = await check(
      ['examples/two-phase-commit/specs/commit-on-first-yes.json', { protocol: mine, file: 'mine.json', expect: { violates: 'notBothOne' } }],
      { out, junit },
    );
    expect(report.results.map((r) => [r.spec, r.verdict, r.asExpected])).toEqual([
      ['commit-on-first-yes', 'violation', true],
      ['mine', 'violation', true],
    ]);
    expect(report.exitCode).toBe(0);
    for (const c of report.checked) expect(c.files !== undefined && existsSync(c.files.svg) && existsSync(c.files.itf)).toBe(true);
    expect(existsSync(join(out, 'mine.trace.json'))).toBe(true);
    expect(readFileSync(junit, 'utf8')).toContain('name="commit-on-first-yes"');
  }, 120_000);

  it('returns exit code 1 for a vacuous pass and writes nothing with out: false', async () => {
    const report = await check({ protocol: mine, file: join(tmp, 'never.json'), properties: [], bounds: { maxDepth: 1 }, bounded: true, reachable: ['someTwo'], expect: 'pass' }, { out: false });
    expect(report.results[0].vacuous).toEqual(['someTwo']);
    expect(report.exitCode).toBe(1);
    expect(report.checked[0].files).toBeUndefined();
  });

  it('searches a protocol given as an object in this thread even when asked for workers (no module to import)', async () => {
    const report = await check({ protocol: mine, properties: [], expect: 'pass' }, { workers: 2, out: false });
    expect(report.results[0].workers).toBeUndefined();
    expect(report.results[0].states).toBe(9);
  });

  it('rejects a model that breaks the contract with a ModelError', async () => {
    const bad = { ...mine, name: 'bad', init: () => new Set() as unknown as number };
    await expect(check({ protocol: bad, expect: 'pass' }, { out: false })).rejects.toThrow(ModelError);
  });

  it('simulates with the CLI defaults when given only a seed', async () => {
    const spec = await loadSpecFile('examples/two-phase-commit/specs/commit-on-first-yes.json');
    const r = simulateSpec(spec, { seed: 3 });
    expect(r.request).toMatchObject({ runs: 10_000, maxSteps: 100, seed: 3 });
    expect(r.verdict).toBe('violation');
  }, 120_000);
});
