/**
 * SIGINT and SIGTERM during `synod check`, and the memory guard: the run
 * stops, prints what it has, writes its JSON and JUnit for what finished
 * (the cut-short spec marked, the rest skipped) and exits 130, 143 or 3.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'synod-interrupt-'));
/** A quick spec, then one that runs for minutes, then one more. */
const specs = ['spec/paxos/amnesia.json', 'bench/specs/raft/correct.json', 'spec/paxos/cut-link.json'];

function interrupted(signal: 'SIGINT' | 'SIGTERM', junit: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [main, 'check', ...specs, '--json', '--no-write', '--junit', junit]);
    let out = '';
    let err = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // The quick spec's verdict is out: the long search is starting.
      if (!sent && out.includes('\n')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('a signal stops the run cleanly', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: exit ${code}, JSON for what finished, JUnit with the cut-short spec marked and the rest skipped`, async () => {
      const junit = join(tmp, `${signal}.xml`);
      const r = await interrupted(signal, junit);
      expect(r.code).toBe(code);
      expect(r.err).toBe('');
      const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { spec: string; verdict: string; limit?: string; states: number });
      expect(lines[0]).toMatchObject({ spec: 'paxos/amnesia', verdict: 'violation' });
      // The long search was cut short (partial figures), or the signal came before it began (not run).
      if (lines.length > 1) {
        expect(lines[1]).toMatchObject({ spec: 'correct', verdict: 'incomplete', limit: 'interrupted' });
        expect(lines[1].states).toBeGreaterThan(0);
      }
      expect(lines.length).toBeLessThanOrEqual(2);
      const xml = readFileSync(junit, 'utf8');
      expect(xml.match(/<testcase /g)).toHaveLength(3);
      expect(xml).toMatch(/name="paxos\/cut-link"[^>]*>\n\s*<skipped message="not run: the run was interrupted by a signal"/);
      if (lines.length > 1) expect(xml).toContain('<error type="interrupted"');
    });
  }
});

describe('the memory guard', () => {
  it('stops a search past --max-memory with exit 3 and its partial figures', () => {
    const base = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.memoryUsage.rss()))'], { encoding: 'utf8' });
    // Room for the program thread and a little of the search, far less than the search needs.
    const cap = Math.ceil(Number(base.stdout) / 2 ** 20) + 60;
    const r = spawnSync(process.execPath, [main, 'check', 'bench/specs/raft/correct.json', '--no-write', '--max-memory', String(cap)], { encoding: 'utf8', timeout: 240_000 });
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('verdict: INCOMPLETE (memory limit reached)');
    expect(r.stdout).toMatch(/[\d,]+ states, [\d,]+ transitions, depth \d+/);
    expect(r.stderr).toBe('');
  });
});
