/**
 * One name per spec, unique within a run: the name is the base of its
 * counterexample files and its JUnit test name, so two specs called
 * "amnesia" in different folders must not overwrite each other. A clash is
 * resolved the same way every run: each clashing spec takes the shortest
 * tail of its real path that no other spec of the run shares.
 */
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { specName } from '../checker/spec.js';

function tail(segments: readonly string[], n: number): string {
  return segments.slice(Math.max(0, segments.length - n)).join('/');
}

function realOrResolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** Files named twice (by two arguments, or a link) run once: the first naming wins. */
export function distinctFiles(files: readonly string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const real = realOrResolved(f);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

export function uniqueNames(files: readonly string[]): string[] {
  const names = files.map((f) => specName(f));
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  const segs = files.map((f) => realOrResolved(f).replace(/\.json$/, '').split(sep).filter((s) => s !== ''));
  const taken = new Set(names.filter((n) => count.get(n) === 1));
  return names.map((n, i) => {
    if (count.get(n) === 1) return n;
    const clashing = names.map((m, j) => (m === n ? j : -1)).filter((j) => j >= 0 && j !== i);
    for (let k = 2; k <= segs[i].length; k++) {
      const mine = tail(segs[i], k);
      if (!clashing.some((j) => tail(segs[j], k) === mine) && !taken.has(mine)) {
        taken.add(mine);
        return mine;
      }
    }
    // Same real path tail everywhere cannot happen after distinctFiles; a numbered name keeps the run going regardless.
    let k = 2;
    while (taken.has(`${n}~${k}`)) k++;
    taken.add(`${n}~${k}`);
    return `${n}~${k}`;
  });
}
