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

/** Git's object id of a file's content (`git hash-object`), so a recorded hash can be looked up with git as well. */
export function blobHash(text: string | Buffer): string {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

/** A merge that cannot tell whether a part's outcomes are stale: a one-line message, exit 2. */
export class StaleCheckError extends Error {
  override readonly name = 'StaleCheckError';
}

/** The blob hash of `file` at `commit` in the git repository at `root`, or undefined if git cannot show it. */
export function hashAtCommit(root: string, commit: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '--quiet', `${commit}:${file}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
