/**
 * What a shard prints under `--json --shard I/N`, and how `synod merge`
 * reads it back. Every record carries its kind, the record format, the
 * shard, and the identity of what it ran (the spec set for check, the spec
 * for simulate), so that a merge can tell a complete run from a partial one
 * and refuse to mix runs of different specs.
 *
 * - check: one "check-spec" record per spec (the usual `--json` line plus
 *   these fields and the trace), then one "check-shard" record naming the
 *   whole set and the specs this shard ran. A shard with no closing record
 *   was cut short.
 * - simulate: one "simulate-member" record (the usual line plus these fields
 *   and the trace).
 */
import type { Trace } from '../trace.js';
import { Fields, MergeError, isObj } from './read-json.js';
import type { Shard } from './shard.js';
import { specHash, type Named, type ShardPlan } from './split.js';
import { memberText, type SwarmMember } from './swarm.js';

export const RECORD_FORMAT = 1;

export type RecordKind = 'check-spec' | 'check-shard' | 'simulate-member';

function head(kind: RecordKind, shard: Shard): Record<string, unknown> {
  return { kind, format: RECORD_FORMAT, shard: { index: shard.index, count: shard.count } };
}

/** What a check shard adds to each spec's `--json` line. */
export function checkSpecFields(plan: ShardPlan<unknown>, spec: Named & { readonly raw: unknown }, usesTime: boolean, trace: Trace | undefined): Record<string, unknown> {
  return { ...head('check-spec', plan.shard), set: plan.set, specHash: specHash(spec), usesTime, ...(trace === undefined ? {} : { trace }) };
}

/** The closing line of a check shard: the set it belongs to and what it ran. */
export function checkShardLine(plan: ShardPlan<Named>, exitCode: number, seconds: number, cpuSeconds: number): string {
  return JSON.stringify({
    ...head('check-shard', plan.shard),
    set: plan.set,
    specs: plan.names,
    ran: plan.specs.map((s) => s.name),
    exitCode,
    seconds,
    cpuSeconds,
  });
}

/** What a swarm member adds to its `--json` line. */
export function memberFields(
  member: SwarmMember,
  spec: Named & { readonly raw: unknown },
  usesTime: boolean,
  trace: Trace | undefined,
): Record<string, unknown> {
  return { ...head('simulate-member', member.shard), specHash: specHash(spec), profile: memberText(member), usesTime, ...(trace === undefined ? {} : { trace }) };
}

export interface CheckSpecRecord {
  readonly kind: 'check-spec';
  readonly source: string;
  readonly shard: Shard;
  readonly set: string;
  readonly specHash: string;
  readonly spec: string;
  readonly file: string;
  readonly protocol: string;
  readonly verdict: 'pass' | 'violation' | 'incomplete';
  readonly expected: string;
  readonly asExpected: boolean;
  readonly property?: string;
  readonly message?: string;
  readonly limit?: string;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly seconds: number;
  readonly traceLength?: number;
  readonly traceFile?: string;
  readonly usesTime: boolean;
  readonly trace?: Trace;
}

export interface CheckShardRecord {
  readonly kind: 'check-shard';
  readonly source: string;
  readonly shard: Shard;
  readonly set: string;
  /** Every spec name of the set, in name order. */
  readonly specs: readonly string[];
  /** The specs this shard ran. */
  readonly ran: readonly string[];
  readonly exitCode: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

export interface MemberFound {
  readonly path: readonly number[];
  readonly replay: string;
  readonly run: number;
  readonly foundLength: number;
}

export interface SimulateMemberRecord {
  readonly kind: 'simulate-member';
  readonly source: string;
  readonly shard: Shard;
  readonly specHash: string;
  readonly spec: string;
  readonly file: string;
  readonly protocol: string;
  readonly verdict: 'violation' | 'none found';
  readonly expected: string;
  readonly asExpected: boolean;
  readonly property?: string;
  readonly message?: string;
  readonly walks: number;
  readonly steps: number;
  /** Wall and CPU seconds of the search (shrinking aside). */
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly timedOut: boolean;
  readonly distinctStates: number;
  readonly baseSeed: number;
  readonly baseMaxSteps: number;
  readonly seed: number;
  readonly maxSteps: number;
  readonly runs: number;
  readonly profile: string;
  readonly found?: MemberFound;
  readonly traceFile?: string;
  readonly usesTime: boolean;
  readonly trace?: Trace;
}

export type ShardRecord = CheckSpecRecord | CheckShardRecord | SimulateMemberRecord;

function shardOf(f: Fields): Shard {
  const s = f.obj('shard');
  const count = s.int('count', 1);
  const index = s.int('index', 1);
  if (index > count) s.fail('index', `must be at most count=${count} (got ${index})`);
  return { index, count };
}

function nodes(f: Fields, k: string): void {
  for (const n of f.list(k)) {
    n.str('id');
    n.bool('up');
    n.str('summary');
    n.num('clock');
  }
}

function world(f: Fields): void {
  f.num('time');
  nodes(f, 'nodes');
}

/** A trace as the text reporter reads it: checked field by field, then passed on as it came. */
function traceOf(f: Fields): Trace {
  f.str('spec');
  world(f.obj('initial'));
  for (const s of f.list('steps')) {
    s.str('label');
    world(s.obj('world'));
    for (const m of s.list('sent')) {
      m.str('text');
      m.str('from');
      m.str('to');
    }
  }
  if (f.has('violation')) {
    const v = f.obj('violation');
    v.str('property');
    v.str('message');
    v.strings('witnesses');
  }
  if (f.has('loop')) f.int('loop');
  if (f.has('notes')) f.strings('notes');
  return f.o as unknown as Trace;
}

function optional<T>(f: Fields, k: string, read: (k: string) => T): { [key: string]: T } {
  return f.has(k) ? { [k]: read(k) } : {};
}

function checkSpecRecord(f: Fields, source: string): CheckSpecRecord {
  return {
    kind: 'check-spec',
    source,
    shard: shardOf(f),
    set: f.str('set'),
    specHash: f.str('specHash'),
    spec: f.str('spec'),
    file: f.str('file'),
    protocol: f.str('protocol'),
    verdict: f.oneOf('verdict', ['pass', 'violation', 'incomplete'] as const),
    expected: f.str('expected'),
    asExpected: f.bool('asExpected'),
    ...optional(f, 'property', (k) => f.str(k)),
    ...optional(f, 'message', (k) => f.str(k)),
    ...optional(f, 'limit', (k) => f.str(k)),
    states: f.int('states'),
    transitions: f.int('transitions'),
    depth: f.int('depth'),
    seconds: f.num('seconds'),
    ...optional(f, 'traceLength', (k) => f.int(k)),
    ...optional(f, 'traceFile', (k) => f.str(k)),
    usesTime: f.bool('usesTime'),
    ...(f.has('trace') ? { trace: traceOf(f.obj('trace')) } : {}),
  };
}

function checkShardRecord(f: Fields, source: string): CheckShardRecord {
  return {
    kind: 'check-shard',
    source,
    shard: shardOf(f),
    set: f.str('set'),
    specs: f.strings('specs'),
    ran: f.strings('ran'),
    exitCode: f.int('exitCode'),
    seconds: f.num('seconds'),
    cpuSeconds: f.num('cpuSeconds'),
  };
}

function simulateMemberRecord(f: Fields, source: string): SimulateMemberRecord {
  const q = f.obj('request');
  const m = q.obj('swarm');
  const found = f.has('found') ? f.obj('found') : undefined;
  return {
    kind: 'simulate-member',
    source,
    shard: shardOf(f),
    specHash: f.str('specHash'),
    spec: f.str('spec'),
    file: f.str('file'),
    protocol: f.str('protocol'),
    verdict: f.oneOf('verdict', ['violation', 'none found'] as const),
    expected: f.str('expected'),
    asExpected: f.bool('asExpected'),
    ...optional(f, 'property', (k) => f.str(k)),
    ...optional(f, 'message', (k) => f.str(k)),
    walks: f.int('walks'),
    steps: f.int('steps'),
    seconds: f.num('seconds'),
    cpuSeconds: f.num('cpuSeconds'),
    timedOut: f.bool('timedOut'),
    distinctStates: f.int('distinctStates'),
    baseSeed: m.int('baseSeed', -(2 ** 31)),
    baseMaxSteps: m.int('baseMaxSteps', 1),
    seed: q.int('seed', -(2 ** 31)),
    maxSteps: q.int('maxSteps', 1),
    runs: q.int('runs', 1),
    profile: f.str('profile'),
    ...(found === undefined
      ? {}
      : { found: { path: found.ints('path'), replay: found.str('replay'), run: found.int('run', 1), foundLength: found.int('foundLength') } }),
    ...optional(f, 'traceFile', (k) => f.str(k)),
    usesTime: f.bool('usesTime'),
    ...(f.has('trace') ? { trace: traceOf(f.obj('trace')) } : {}),
  };
}

/** Reads one line of a shard's output; `where` is "file:line". */
export function readRecord(line: string, where: string): ShardRecord {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw new MergeError(`${where}: not JSON (${(e as Error).message})`);
  }
  if (!isObj(v)) throw new MergeError(`${where}: not a JSON object`);
  const f = new Fields(where, v);
  if (!f.has('kind') || !f.has('format')) {
    throw new MergeError(`${where}: not a shard result (run synod check or simulate with --shard I/N --json)`);
  }
  const format = f.int('format');
  if (format !== RECORD_FORMAT) f.fail('format', `this synod reads format ${RECORD_FORMAT} (got ${format}): merge with the synod that ran the shards`);
  const kind = f.oneOf('kind', ['check-spec', 'check-shard', 'simulate-member'] as const);
  if (kind === 'check-spec') return checkSpecRecord(f, where);
  if (kind === 'check-shard') return checkShardRecord(f, where);
  return simulateMemberRecord(f, where);
}
