/**
 * Which outcomes of a mutation run still hold. A mutant id is
 * file:line:col:op, so an outcome recorded before its file changed names a
 * mutant that may no longer exist, or a different one at the same place:
 * merged as it stands it would silently mix old results into the score.
 * Each run records the git blob hash of every file it mutated; a run made
 * before that is read at its recorded commit instead (`git show`).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Outcome, Run } from './report.js';

/** Git's object id of a file's content (`git hash-object`), so a recorded hash can be looked up with git as well. */
export function blobHash(text: string | Buffer): string {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

/** A merge that cannot tell whether a part's outcomes are stale: a one-line message, exit 2. */
export class StaleCheckError extends Error {
  override readonly name = 'StaleCheckError';
}

/** protocol -> spec files at `commit` (every spec JSON under spec/ but schema.json), read in one `git cat-file --batch`. */
export function specsAtCommit(root: string, commit: string): Map<string, string[]> {
  const git = (a: readonly string[], input?: string): string => execFileSync('git', a, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'ignore'], ...(input === undefined ? {} : { input }) });
  const files = git(['ls-tree', '-r', '--name-only', commit, 'spec/']).split('\n').filter((f) => f.endsWith('.json') && !f.endsWith('schema.json'));
  const out = new Map<string, string[]>();
  for (const f of files) {
    let protocol: unknown;
    try {
      protocol = (JSON.parse(git(['show', `${commit}:${f}`])) as { protocol?: unknown }).protocol;
    } catch {
      continue;
    }
    if (typeof protocol === 'string') out.set(protocol, [...(out.get(protocol) ?? []), f]);
  }
  return out;
}

/** The blob hash of `file` at `commit` in the git repository at `root`, or undefined if git cannot show it. */
export function hashAtCommit(root: string, commit: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${commit}:${file}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** One part of a merge: a run's JSON and the name it was given on the command line. */
export interface Part {
  readonly name: string;
  readonly run: Run;
}

/** Outcomes of one part for one file, dropped from a merge: the file has changed since that part mutated it. */
export interface Stale {
  readonly part: string;
  readonly file: string;
  readonly outcomes: number;
  /** What the part's hash came from: its own record, or its commit (runs made before hashes were recorded). */
  readonly from: 'recorded' | `commit ${string}`;
}

/** Where a merged outcome came from. */
export interface Provenance {
  readonly part: string;
  readonly commit?: string;
  readonly hash: string;
}

export interface Merged {
  /** Fresh outcomes, one per mutant, each with the part it came from; later parts win. */
  readonly outcomes: readonly (Outcome & { readonly part: string })[];
  readonly stale: readonly Stale[];
  /**
   * Survivors of a part that ran only some of its protocols' specs (`--specs`), with no fresh outcome of the
   * same mutant from a part that ran them all to stand on: not scored, to be rerun with every spec.
   */
  readonly unsupported: readonly (Outcome & { readonly part: string })[];
  /** file -> the parts (and the content) its fresh outcomes were measured on. */
  readonly provenance: ReadonlyMap<string, readonly Provenance[]>;
}

export interface Sources {
  /** The blob hash of a file as it is now; undefined if it no longer exists. */
  readonly current: (file: string) => string | undefined;
  /** The blob hash of a file at a commit; undefined if git cannot show it. */
  readonly atCommit: (commit: string, file: string) => string | undefined;
  /** protocol -> its spec files at a commit. */
  readonly specsAt: (commit: string) => ReadonlyMap<string, readonly string[]>;
}

/**
 * For runs made before `specsSubset` was recorded: did the run leave out
 * specs that existed at its commit? Fewer specs of a protocol than its
 * commit had says so (`--specs`, a rerun against new specs only). Specs or
 * protocols added after a run are not held against it: its outcomes are
 * what the specs of its commit say.
 */
function ranSomeSpecsOnly(run: Run, src: Sources): boolean {
  const ran = new Map(Object.entries(run.specs).map(([p, l]) => [p, new Set(l.map((s) => s.spec))]));
  if (run.commit === undefined) return false;
  const then = src.specsAt(run.commit);
  return [...ran].some(([p, l]) => (then.get(p) ?? []).some((s) => !l.has(s)));
}

/**
 * Merges parts, dropping every outcome whose file has changed since its
 * part mutated it. A part that recorded neither a hash of a file nor a
 * commit git can show it at cannot be judged: a StaleCheckError, never a
 * guess.
 */
export function mergeParts(parts: readonly Part[], src: Sources): Merged {
  const stale: Stale[] = [];
  const byId = new Map<string, Outcome & { part: string }>();
  const unsupported = new Map<string, Outcome & { part: string }>();
  const provenance = new Map<string, Provenance[]>();
  const current = new Map<string, string | undefined>();
  const now = (file: string): string | undefined => {
    if (!current.has(file)) current.set(file, src.current(file));
    return current.get(file);
  };
  for (const { name, run } of parts) {
    // A rerun against some specs only (a spec added can only add kills): its kills stand alone, its survivors only on a full outcome.
    const subset = run.specsSubset ?? ranSomeSpecsOnly(run, src);
    const files = [...new Set(run.outcomes.map((o) => o.file))].sort();
    const fresh = new Set<string>();
    for (const file of files) {
      const recorded = run.files?.[file];
      let hash = recorded;
      if (hash === undefined) {
        if (run.commit === undefined) throw new StaleCheckError(`${name}: records neither a hash of ${file} nor a commit, so its outcomes cannot be checked against the file as it is now; rerun them (--only ${file})`);
        hash = src.atCommit(run.commit, file);
        if (hash === undefined) throw new StaleCheckError(`${name}: records no hash of ${file}, and git cannot show it at the run's commit ${run.commit.slice(0, 12)} (not in this repository?); rerun it (--only ${file})`);
      }
      const n = run.outcomes.filter((o) => o.file === file).length;
      if (hash !== now(file)) {
        stale.push({ part: name, file, outcomes: n, from: recorded !== undefined ? 'recorded' : `commit ${run.commit?.slice(0, 12) ?? ''}` });
        continue;
      }
      fresh.add(file);
      const l = provenance.get(file) ?? [];
      if (!l.some((p) => p.part === name)) l.push({ part: name, ...(run.commit === undefined ? {} : { commit: run.commit }), hash });
      provenance.set(file, l);
    }
    for (const o of run.outcomes) {
      if (!fresh.has(o.file)) continue;
      // A child lost on the added specs says nothing about them: an outcome the mutant already has stands.
      if (subset && !o.killed && byId.has(o.id) && o.how?.startsWith('lost') === true) continue;
      if (subset && !o.killed && !byId.has(o.id)) {
        unsupported.set(o.id, { ...o, part: name });
        continue;
      }
      byId.set(o.id, { ...o, part: name });
      unsupported.delete(o.id);
    }
  }
  return { outcomes: [...byId.values()], stale, unsupported: [...unsupported.values()], provenance };
}
