/**
 * The README's second command, `npx synod check`, run as CI would: every spec
 * committed under spec/ must come out as its file expects (each buggy variant
 * found, each correct configuration passing), so a protocol change that
 * breaks one fails `npm test`, not only a manual check.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Spec files under dir; the deep tier (folders named deep) only when asked. */
function specFiles(dir: string, deep = false): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return e === 'deep' && !deep ? [] : specFiles(p, deep);
    return e.endsWith('.json') && e !== 'schema.json' ? [p] : [];
  });
}

describe('the committed specs', { timeout: 900_000 }, () => {
  it('every spec under spec/ is as expected (synod check, default run)', () => {
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'check', '--quiet', '--no-write'], { encoding: 'utf8' });
    const n = specFiles('spec').length;
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${n} specs: ${n} as expected, 0 not`);
    expect(r.status).toBe(0);
  }, 900_000);

  it('every spec of the deep tier is as expected (synod check spec/deep, as --deep adds it)', () => {
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'check', 'spec/deep', '--quiet', '--no-write'], { encoding: 'utf8' });
    const n = specFiles('spec/deep', true).length;
    expect(n).toBeGreaterThan(5);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${n} specs: ${n} as expected, 0 not`);
    expect(r.status).toBe(0);
  }, 900_000);
});
