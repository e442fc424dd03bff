/** A buggy primary-backup spec through the CLI: the violation ends with the history drawn, in the text and in the diagram. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spaceTimeDot } from '../../src/checker/report/dot.js';
import { checkSpec } from '../../src/checker/run.js';
import { parseSpec } from '../../src/checker/spec.js';
import { findProtocol } from '../../src/model/registry.js';

const file = 'spec/primary-backup/local-reads.json';

describe('a history violation, end to end', () => {
  it('synod check prints the trace ending with the timeline, and exits 0 (as expected)', () => {
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'check', file, '--no-write'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('verdict: VIOLATION of linearizable (expected violates linearizable: as expected)');
    expect(r.stdout).toContain("violated: linearizable: the clients' history is not linearizable");
    expect(r.stdout).toContain('        c1  [#1 put(x, 1) → ok] [#2 get(x) → nil]');
  }, 120_000);

  it('the space-time diagram carries the timeline with its spacing kept', () => {
    const spec = parseSpec(file, readFileSync(file, 'utf8'), findProtocol);
    const r = checkSpec(spec);
    expect(r.trace).toBeDefined();
    const dot = spaceTimeDot(r.trace!);
    expect(dot).toContain('\u00a0\u00a0c1\u00a0\u00a0[#1\u00a0put(x,\u00a01)\u00a0→\u00a0ok]\u00a0[#2\u00a0get(x)\u00a0→\u00a0nil]');
  }, 120_000);
});
