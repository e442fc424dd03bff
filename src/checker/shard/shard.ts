/**
 * A shard: the I-th of N parts of a run (`--shard I/N`, 1-based as in CI
 * matrices and `JOB_COMPLETION_INDEX + 1`). GitHub Actions allows 256 jobs
 * a matrix; 4096 is room for a cluster without letting a typo ask for a
 * million parts.
 */
export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export const MAX_SHARDS = 4096;

/** Parses "I/N"; a string is the one-line problem. */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) return `--shard must look like I/N, e.g. 2/4 (got ${JSON.stringify(text).slice(0, 40)})`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return `--shard: N must be from 1 to ${MAX_SHARDS} (got ${count})`;
  if (index < 1 || index > count) return `--shard: I must be from 1 to N=${count} (got ${index}); shards count from 1`;
  return { index, count };
}

export function formatShard(s: Shard): string {
  return `${s.index}/${s.count}`;
}
