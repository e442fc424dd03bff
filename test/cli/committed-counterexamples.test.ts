/**
 * The curated counterexamples/ folder: every diagram has its HTML page
 * beside it, and a committed page still matches what `synod trace` renders
 * from its ITF file (a reporter change that forgot `npm run
 * counterexamples` fails here).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return files(p, ext);
    return e.endsWith(ext) ? [p] : [];
  });
}

describe('the committed counterexamples', { timeout: 300_000 }, () => {
  const svgs = files('counterexamples', '.svg');

  it('have an .html beside every .svg, and the screenshots the README shows', () => {
    expect(svgs.length).toBeGreaterThanOrEqual(18);
    expect(svgs.filter((f) => !existsSync(f.replace(/\.svg$/, '.html')))).toEqual([]);
    for (const png of ['counterexamples/html-trace.png', 'counterexamples/explorer.png']) expect(statSync(png).size).toBeGreaterThan(20_000);
  });

  it('are what synod trace renders from their ITF files today', () => {
    for (const svg of ['counterexamples/paxos/ignore-promised-values.svg', 'counterexamples/figure8-two-candidates.svg', 'counterexamples/liveness/raft-partial-connectivity.svg']) {
      const itf = svg.replace(/\.svg$/, '.itf.json');
      for (const format of ['svg', 'html']) {
        const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'trace', itf, '--format', format], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(readFileSync(svg.replace(/\.svg$/, `.${format}`), 'utf8'));
      }
    }
  });
});
