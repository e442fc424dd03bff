/**
 * Merges shard records into one report. Records group into runs: check
 * shards by the identity of their spec set, swarm members by the identity of
 * their spec. Within a run every shard must agree on N; a shard index seen
 * twice with different content is refused (which result would be the run's?),
 * seen twice with the same content is read once. A run with shards missing
 * is reported as partial: it can show a violation (a violation found is
 * found) but never a pass.
 */
import { MergeError } from './read-json.js';
import type { CheckShardRecord, CheckSpecRecord, ShardRecord, SimulateMemberRecord } from './records.js';
import { formatShard, type Shard } from './shard.js';
import { shardOfRank } from './split.js';

export type MergedVerdict = 'pass' | 'violation' | 'incomplete' | 'not run';

export interface MergedCheckSpec {
  readonly name: string;
  readonly verdict: MergedVerdict;
  readonly asExpected: boolean;
  /** The shard that ran it, or would have. */
  readonly shard: Shard;
  readonly result?: CheckSpecRecord;
}

export interface Figures {
  /** Seconds summed over shards (machine time), and the slowest shard (the run's wall time when shards run side by side). */
  readonly seconds: number;
  readonly slowest: number;
  readonly cpuSeconds: number;
}

export interface MergedCheckRun {
  readonly kind: 'check';
  readonly set: string;
  readonly count: number;
  /** Shards whose closing record is present. */
  readonly complete: readonly number[];
  /** Shards with some spec records but no closing record: cut short. */
  readonly cut: readonly number[];
  readonly missing: readonly number[];
  readonly specs: readonly MergedCheckSpec[];
  readonly states: number;
  readonly transitions: number;
  readonly figures: Figures;
  readonly exitCode: number;
}

export interface MergedSwarm {
  readonly kind: 'simulate';
  readonly spec: string;
  readonly file: string;
  readonly specHash: string;
  readonly expected: string;
  readonly count: number;
  readonly members: readonly SimulateMemberRecord[];
  readonly missing: readonly number[];
  /** "violation": some member found one; "pass": a complete swarm found none (bounded, by simulation: no proof). */
  readonly verdict: 'violation' | 'pass' | 'none found' | 'incomplete';
  readonly asExpected: boolean;
  /** Properties the members found violated. */
  readonly properties: readonly string[];
  readonly shortest?: SimulateMemberRecord;
  /** Search seconds of the member that found a counterexample first. */
  readonly firstFound?: { readonly member: SimulateMemberRecord; readonly seconds: number };
  readonly walks: number;
  readonly steps: number;
  readonly figures: Figures;
  readonly exitCode: number;
}

export type MergedRun = MergedCheckRun | MergedSwarm;

export interface MergedReport {
  readonly runs: readonly MergedRun[];
  readonly exitCode: number;
}

/** 1 beats 3 beats 0, as for one run: a wrong verdict decides, a stopped search only postpones. */
export function worstCode(codes: readonly number[]): number {
  if (codes.includes(1)) return 1;
  if (codes.includes(3)) return 3;
  return 0;
}

function counted(records: readonly ShardRecord[], what: string): number {
  const counts = [...new Set(records.map((r) => r.shard.count))];
  if (counts.length > 1) {
    const a = records.find((r) => r.shard.count === counts[0]);
    const b = records.find((r) => r.shard.count === counts[1]);
    throw new MergeError(`${what}: shards split ${counts[0]} ways (${a?.source}) and ${counts[1]} ways (${b?.source}): merge the shards of one run`);
  }
  return counts[0];
}

/** One record per key; the same record twice is read once, two different ones are an error. */
function unique<T extends ShardRecord>(records: readonly T[], key: (r: T) => string, what: (r: T) => string): T[] {
  const seen = new Map<string, { r: T; text: string }>();
  for (const r of records) {
    const { source: _s, ...content } = r;
    const text = JSON.stringify(content);
    const k = key(r);
    const before = seen.get(k);
    if (before === undefined) seen.set(k, { r, text });
    else if (before.text !== text) throw new MergeError(`${what(r)} appears twice with different results (${before.r.source} and ${r.source}): keep one run's files`);
  }
  return [...seen.values()].map((v) => v.r);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k + 1);
}

function figures(parts: readonly { seconds: number; cpuSeconds: number }[]): Figures {
  return {
    seconds: parts.reduce((t, p) => t + p.seconds, 0),
    slowest: parts.reduce((t, p) => Math.max(t, p.seconds), 0),
    cpuSeconds: parts.reduce((t, p) => t + p.cpuSeconds, 0),
  };
}

function mergeCheck(set: string, records: readonly (CheckSpecRecord | CheckShardRecord)[]): MergedCheckRun {
  const count = counted(records, `check set ${set}`);
  const closing = unique(
    records.filter((r): r is CheckShardRecord => r.kind === 'check-shard'),
    (r) => String(r.shard.index),
    (r) => `check shard ${formatShard(r.shard)} of set ${set}`,
  );
  const results = unique(
    records.filter((r): r is CheckSpecRecord => r.kind === 'check-spec'),
    (r) => `${r.spec}\u0000${r.file}`,
    (r) => `spec ${r.spec} (set ${set})`,
  );
  const names = closing.length > 0 ? closing[0].specs : [...new Set(results.map((r) => r.spec))].sort();
  for (const c of closing) {
    if (c.specs.length !== names.length || c.specs.some((n, k) => n !== names[k])) {
      throw new MergeError(`${c.source}: lists another spec set than ${closing[0].source} under the same identity ${set}`);
    }
  }
  const complete = closing.map((c) => c.shard.index).sort((a, b) => a - b);
  const withResults = new Set(results.map((r) => r.shard.index));
  const cut = range(count).filter((i) => !complete.includes(i) && withResults.has(i));
  const missing = range(count).filter((i) => !complete.includes(i) && !withResults.has(i));
  const byName = new Map<string, CheckSpecRecord[]>();
  for (const r of results) byName.set(r.spec, [...(byName.get(r.spec) ?? []), r]);
  for (const rs of byName.values()) rs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Two specs may share a name (different folders): the j-th occurrence of a name is its j-th result by file.
  const seen = new Map<string, number>();
  const specs: MergedCheckSpec[] = names.map((name, k) => {
    const j = seen.get(name) ?? 0;
    seen.set(name, j + 1);
    const r = byName.get(name)?.[j];
    if (r === undefined) return { name, verdict: 'not run', asExpected: false, shard: { index: shardOfRank(k, count), count } };
    return { name, verdict: r.verdict, asExpected: r.asExpected, shard: r.shard, result: r };
  });
  const codes = specs.map((s) => (s.verdict === 'not run' || s.verdict === 'incomplete' ? 3 : s.asExpected ? 0 : 1));
  if (cut.length > 0 || missing.length > 0) codes.push(3);
  return {
    kind: 'check',
    set,
    count,
    complete,
    cut,
    missing,
    specs,
    states: results.reduce((t, r) => t + r.states, 0),
    transitions: results.reduce((t, r) => t + r.transitions, 0),
    figures: figures(closing),
    exitCode: worstCode(codes),
  };
}

/** Shortest first; among equals the lower member, so the pick does not depend on file order. */
function shorter(a: SimulateMemberRecord, b: SimulateMemberRecord): number {
  return (a.found?.path.length ?? Infinity) - (b.found?.path.length ?? Infinity) || a.shard.index - b.shard.index;
}

function mergeSwarm(specHash: string, records: readonly SimulateMemberRecord[]): MergedSwarm {
  const first = records[0];
  const what = `swarm of ${first.spec} (spec ${specHash})`;
  const count = counted(records, what);
  const members = unique(records, (r) => String(r.shard.index), (r) => `member ${formatShard(r.shard)} of ${what}`).sort((a, b) => a.shard.index - b.shard.index);
  const missing = range(count).filter((i) => !members.some((m) => m.shard.index === i));
  const finders = members.filter((m) => m.found !== undefined).sort(shorter);
  const properties = [...new Set(finders.map((m) => m.property ?? '?'))].sort();
  const wanted = first.expected.startsWith('violates ') ? first.expected.slice('violates '.length) : undefined;
  let verdict: MergedSwarm['verdict'];
  let asExpected: boolean;
  if (finders.length > 0) {
    verdict = 'violation';
    asExpected = wanted !== undefined && properties.every((p) => p === wanted);
  } else if (missing.length > 0) {
    verdict = 'incomplete';
    asExpected = false;
  } else {
    verdict = wanted === undefined ? 'pass' : 'none found';
    asExpected = wanted === undefined;
  }
  const firstFound = [...finders].sort((a, b) => a.seconds - b.seconds || a.shard.index - b.shard.index)[0];
  const exitCode = asExpected ? 0 : verdict === 'incomplete' ? 3 : 1;
  return {
    kind: 'simulate',
    spec: first.spec,
    file: first.file,
    specHash,
    expected: first.expected,
    count,
    members,
    missing,
    verdict,
    asExpected,
    properties,
    ...(finders.length === 0 ? {} : { shortest: finders[0] }),
    ...(firstFound === undefined ? {} : { firstFound: { member: firstFound, seconds: firstFound.seconds } }),
    walks: members.reduce((t, m) => t + m.walks, 0),
    steps: members.reduce((t, m) => t + m.steps, 0),
    figures: figures(members),
    exitCode,
  };
}

export function mergeRecords(records: readonly ShardRecord[]): MergedReport {
  if (records.length === 0) throw new MergeError('no shard results to merge');
  const checks = new Map<string, (CheckSpecRecord | CheckShardRecord)[]>();
  const swarms = new Map<string, SimulateMemberRecord[]>();
  for (const r of records) {
    if (r.kind === 'simulate-member') swarms.set(r.specHash, [...(swarms.get(r.specHash) ?? []), r]);
    else checks.set(r.set, [...(checks.get(r.set) ?? []), r]);
  }
  const runs: MergedRun[] = [
    ...[...checks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([set, rs]) => mergeCheck(set, rs)),
    ...[...swarms.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([hash, rs]) => mergeSwarm(hash, rs)),
  ];
  return { runs, exitCode: worstCode(runs.map((r) => r.exitCode)) };
}
