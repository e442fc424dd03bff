/**
 * Check specifications: parsing and validation. Every problem is reported as
 * a SpecError naming the file and the field, so the CLI can print one line
 * and exit 2. Knows no protocol: the caller passes a lookup.
 */
import type { AnyProtocol, Invariant, ParamValue, ParamValues, Predicate } from '../model/contract.js';
import { ModelConfigError } from '../model/contract.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import { HISTORY_PROPERTIES, historyProperties } from './linearizability/properties.js';
import { validateLivenessFields } from './liveness/spec-fields.js';
import { MAX_WITNESSES } from './witnesses.js';
import { FAULT_KINDS, type FaultBudget, type NetworkKind, type SearchLimits, type SystemSettings, type TimeSettings, DEFAULT_LIMITS } from './settings.js';

export type Expectation = { readonly kind: 'pass' } | { readonly kind: 'violates'; readonly property: string };

export interface LoadedSpec {
  readonly file: string;
  /** The spec's name: its path under spec/ without .json ("paxos/amnesia"). */
  readonly name: string;
  readonly description: string;
  readonly protocol: AnyProtocol;
  /** For a protocol from a user's module: its file URL and `#export` (worker threads import it again). */
  readonly protocolModule?: string;
  readonly params: ParamValues;
  readonly bugs: readonly string[];
  readonly config: unknown;
  readonly settings: SystemSettings;
  readonly invariants: readonly Invariant<unknown, unknown, unknown>[];
  readonly limits: SearchLimits;
  /** When true, a search stopped by maxDepth counts as finished (bounded model checking). */
  readonly bounded: boolean;
  readonly symmetry: boolean;
  readonly expect: Expectation;
  /** Liveness: the predicate that must eventually hold, if any. */
  readonly eventually?: Predicate<unknown, unknown, unknown>;
  /** Predicates some reachable world must satisfy, or the pass is vacuous ("reachable"; absent: none). */
  readonly reachable?: readonly Predicate<unknown, unknown, unknown>[];
  /** The raw JSON, for extensions that read their own fields. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field === '' ? '' : `${field}: `}${problem}`);
    this.name = 'SpecError';
  }
}

const TOP_FIELDS = [
  '$schema', 'description', 'protocol', 'params', 'bugs', 'network', 'faults', 'topology', 'time',
  'properties', 'reachable', 'bounds', 'bounded', 'symmetry', 'expect', 'eventually', 'fairness', 'view', 'valence', 'stable', 'simulation', 'netsim',
];
const NETWORKS: readonly NetworkKind[] = ['set', 'multiset', 'fifo'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function specName(file: string): string {
  const norm = file.replace(/\\/g, '/').replace(/\.json$/, '');
  const at = norm.lastIndexOf('spec/');
  return at >= 0 ? norm.slice(at + 5) : norm.split('/').pop() ?? norm;
}

/** A spec file's text as JSON: not JSON, or nested past MAX_JSON_DEPTH, is a one-line SpecError. */
export function specJson(file: string, text: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SpecError(file, '', `not valid JSON (${(e as Error).message})`);
  }
  if (nestsDeeperThan(raw)) throw new SpecError(file, '', `nested deeper than ${MAX_JSON_DEPTH} levels`);
  return raw;
}

export function parseSpec(file: string, text: string, lookup: (name: string) => AnyProtocol | undefined): LoadedSpec {
  return validateSpec(file, specJson(file, text), lookup);
}

export function validateSpec(file: string, raw: unknown, lookup: (name: string) => AnyProtocol | undefined): LoadedSpec {
  const fail = (field: string, problem: string): never => {
    throw new SpecError(file, field, problem);
  };
  if (!isObj(raw)) return fail('', 'a spec must be a JSON object');
  for (const k of Object.keys(raw)) if (!TOP_FIELDS.includes(k)) fail(k, `unknown field (known: ${TOP_FIELDS.slice(1).join(', ')})`);

  const int = (field: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      fail(field, `must be an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`} (got ${show(v)})`);
    }
    return v as number;
  };
  const strings = (field: string, v: unknown): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(field, `must be an array of strings (got ${show(v)})`);
    return v as string[];
  };
  const obj = (field: string, v: unknown): Obj => {
    if (!isObj(v)) fail(field, `must be an object (got ${show(v)})`);
    return v as Obj;
  };

  // Protocol, parameters, bugs.
  if (typeof raw.protocol !== 'string') return fail('protocol', 'required: the name of a built-in protocol (see `synod list`) or a path to an ES module ("./mine.js")');
  const protocol =
    lookup(raw.protocol) ??
    fail('protocol', `unknown protocol "${raw.protocol}" (see \`synod list\`; a module path starts with ./ or ../, as in "./${raw.protocol}.js")`);
  const paramsIn = raw.params === undefined ? {} : obj('params', raw.params);
  for (const k of Object.keys(paramsIn)) {
    if (!protocol.params.some((p) => p.name === k)) fail(`params.${k}`, `unknown parameter of ${protocol.name} (known: ${protocol.params.map((p) => p.name).join(', ')})`);
  }
  const params: Record<string, ParamValue> = {};
  for (const def of protocol.params) {
    const v = paramsIn[def.name] ?? def.default;
    const field = `params.${def.name}`;
    if (def.type === 'int') params[def.name] = int(field, v, def.min ?? Number.MIN_SAFE_INTEGER, def.max);
    else if (def.type === 'bool') {
      if (typeof v !== 'boolean') fail(field, `must be true or false (got ${show(v)})`);
      params[def.name] = v as boolean;
    } else {
      if (typeof v !== 'string' || !(def.choices ?? []).includes(v)) fail(field, `must be one of ${(def.choices ?? []).join(', ')} (got ${show(v)})`);
      params[def.name] = v as string;
    }
  }
  const bugs = raw.bugs === undefined ? [] : strings('bugs', raw.bugs);
  for (const b of bugs) {
    if (!protocol.bugs.some((d) => d.name === b)) fail('bugs', `unknown bug "${b}" of ${protocol.name} (known: ${protocol.bugs.map((d) => d.name).join(', ') || 'none'})`);
  }
  let config: unknown;
  try {
    config = protocol.configure(params, bugs);
  } catch (e) {
    if (e instanceof ModelConfigError) fail(e.field === 'bugs' ? 'bugs' : `params.${e.field}`, e.message);
    throw e;
  }
  const nodeIds = protocol.nodes(config).map((d) => d.id);
  const nodeId = (field: string, v: unknown): string => {
    if (typeof v !== 'string' || !nodeIds.includes(v)) fail(field, `unknown node ${show(v)} (nodes: ${nodeIds.join(', ')})`);
    return v as string;
  };

  // Network and faults.
  const network = (raw.network ?? 'set') as NetworkKind;
  if (!NETWORKS.includes(network)) fail('network', `must be one of ${NETWORKS.join(', ')} (got ${show(raw.network)})`);
  const faultsIn = raw.faults === undefined ? {} : obj('faults', raw.faults);
  for (const k of Object.keys(faultsIn)) {
    if (k !== 'nodes' && !(FAULT_KINDS as readonly string[]).includes(k)) fail(`faults.${k}`, `unknown fault kind (known: ${FAULT_KINDS.join(', ')}, nodes)`);
  }
  const budget: Record<string, number> = {};
  for (const k of FAULT_KINDS) budget[k] = faultsIn[k] === undefined ? 0 : int(`faults.${k}`, faultsIn[k], 0, 1000);
  const faults: FaultBudget = {
    crash: budget.crash,
    restart: budget.restart,
    amnesia: budget.amnesia,
    drop: budget.drop,
    duplicate: budget.duplicate,
    cuts: budget.cuts,
    ...(faultsIn.nodes === undefined ? {} : { nodes: strings('faults.nodes', faultsIn.nodes).map((n, i) => nodeId(`faults.nodes[${i}]`, n)) }),
  };
  if ((faults.restart > 0 || faults.amnesia > 0) && faults.crash === 0) {
    fail(faults.restart > 0 ? 'faults.restart' : 'faults.amnesia', 'a node must crash before it restarts: give faults.crash ≥ 1');
  }
  if (network === 'set' && (faults.drop > 0 || faults.duplicate > 0)) {
    fail(faults.drop > 0 ? 'faults.drop' : 'faults.duplicate', 'the set network already loses, duplicates and reorders for free: use "multiset" or "fifo" to budget them');
  }

  // Topology.
  const initialCuts: [string, string][] = [];
  if (raw.topology !== undefined) {
    const topo = obj('topology', raw.topology);
    for (const k of Object.keys(topo)) if (k !== 'cut' && k !== 'reachesOnly') fail(`topology.${k}`, 'unknown field (known: cut, reachesOnly)');
    if (topo.cut !== undefined) {
      if (!Array.isArray(topo.cut)) fail('topology.cut', 'must be an array of [from, to] pairs');
      (topo.cut as unknown[]).forEach((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) fail(`topology.cut[${i}]`, `must be a [from, to] pair (got ${show(pair)})`);
        const [a, b] = pair as unknown[];
        const from = nodeId(`topology.cut[${i}][0]`, a);
        const to = nodeId(`topology.cut[${i}][1]`, b);
        if (from === to) fail(`topology.cut[${i}]`, 'a node cannot be cut from itself');
        initialCuts.push([from, to]);
      });
    }
    if (topo.reachesOnly !== undefined) {
      const only = obj('topology.reachesOnly', topo.reachesOnly);
      for (const [who, peers] of Object.entries(only)) {
        const a = nodeId(`topology.reachesOnly.${who}`, who);
        const keep = strings(`topology.reachesOnly.${who}`, peers).map((p, i) => nodeId(`topology.reachesOnly.${who}[${i}]`, p));
        for (const b of nodeIds) {
          if (b === a || keep.includes(b)) continue;
          initialCuts.push([a, b], [b, a]);
        }
      }
    }
  }
  const cutKeys = new Set<string>();
  const dedupedCuts = initialCuts.filter(([a, b]) => !cutKeys.has(`${a}>${b}`) && cutKeys.add(`${a}>${b}`) !== undefined);

  // Time.
  let time: TimeSettings | null = null;
  if (protocol.usesTime) {
    if (raw.time === undefined) fail('time', `${protocol.name} uses time: give {"maxTime": N, "skew": E}`);
    const t = obj('time', raw.time);
    for (const k of Object.keys(t)) if (k !== 'maxTime' && k !== 'skew' && k !== 'nodes') fail(`time.${k}`, 'unknown field (known: maxTime, skew, nodes)');
    time = {
      maxTime: int('time.maxTime', t.maxTime, 0, 1000),
      skew: t.skew === undefined ? 0 : int('time.skew', t.skew, 0, 100),
      ...(t.nodes === undefined ? {} : { nodes: strings('time.nodes', t.nodes).map((n, i) => nodeId(`time.nodes[${i}]`, n)) }),
    };
  } else if (raw.time !== undefined) {
    fail('time', `${protocol.name} does not use time, so clocks and skew cannot be checked against it`);
  }

  // Properties: the protocol's, and with clients the history properties over its object.
  const machine = protocol.object?.(config) ?? null;
  const available = [...protocol.invariants, ...(machine === null ? [] : historyProperties(machine))];
  const names = raw.properties === undefined ? available.map((p) => p.name) : strings('properties', raw.properties);
  const invariants = names.map((name, i) =>
    available.find((p) => p.name === name) ??
    fail(
      `properties[${i}]`,
      (HISTORY_PROPERTIES as readonly string[]).includes(name)
        ? `"${name}" checks the clients' history, and ${protocol.name} has no clients in this configuration (it declares no object)`
        : `unknown property "${name}" of ${protocol.name} (known: ${available.map((p) => p.name).join(', ')})`,
    ),
  );
  let eventually: Predicate<unknown, unknown, unknown> | undefined;
  if (raw.eventually !== undefined) {
    if (typeof raw.eventually !== 'string') fail('eventually', 'must be the name of a predicate');
    eventually =
      protocol.predicates.find((p) => p.name === raw.eventually) ??
      fail('eventually', `unknown predicate "${String(raw.eventually)}" of ${protocol.name} (known: ${protocol.predicates.map((p) => p.name).join(', ') || 'none'})`);
  }

  const reachableNames = raw.reachable === undefined ? [] : strings('reachable', raw.reachable);
  if (reachableNames.length > MAX_WITNESSES) fail('reachable', `at most ${MAX_WITNESSES} witnesses`);
  const reachable = reachableNames.map(
    (name, i) =>
      protocol.predicates.find((p) => p.name === name) ??
      fail(`reachable[${i}]`, `unknown predicate "${name}" of ${protocol.name} (known: ${protocol.predicates.map((p) => p.name).join(', ') || 'none'})`),
  );

  validateLivenessFields(raw, protocol, nodeIds, fail);

  // Bounds.
  const b = raw.bounds === undefined ? {} : obj('bounds', raw.bounds);
  for (const k of Object.keys(b)) if (!['maxDepth', 'maxStates', 'timeLimit', 'maxMemory'].includes(k)) fail(`bounds.${k}`, 'unknown field (known: maxDepth, maxStates, timeLimit, maxMemory)');
  const limits: SearchLimits = {
    maxDepth: b.maxDepth === undefined ? DEFAULT_LIMITS.maxDepth : int('bounds.maxDepth', b.maxDepth, 0),
    maxStates: b.maxStates === undefined ? DEFAULT_LIMITS.maxStates : int('bounds.maxStates', b.maxStates, 1),
    timeLimit: b.timeLimit === undefined ? DEFAULT_LIMITS.timeLimit : positive('bounds.timeLimit', b.timeLimit, fail),
    ...(b.maxMemory === undefined ? {} : { maxMemory: int('bounds.maxMemory', b.maxMemory, 16) * 1024 * 1024 }),
  };
  if (raw.bounded !== undefined && typeof raw.bounded !== 'boolean') fail('bounded', 'must be true or false');
  if (raw.symmetry !== undefined && typeof raw.symmetry !== 'boolean') fail('symmetry', 'must be true or false');
  if (raw.symmetry === true && protocol.symmetry === undefined) fail('symmetry', `${protocol.name} declares no symmetry`);
  if (raw.symmetry === true && machine !== null) fail('symmetry', 'symmetry reduction does not permute the clients\' history yet: drop "symmetry" for a spec with clients');

  // Expected verdict.
  let expect: Expectation;
  if (raw.expect === 'pass') expect = { kind: 'pass' };
  else if (isObj(raw.expect) && typeof raw.expect.violates === 'string' && Object.keys(raw.expect).length === 1) {
    const prop = raw.expect.violates;
    const known = [...names, ...(eventually === undefined ? [] : [eventually.name])];
    if (!known.includes(prop)) fail('expect.violates', `"${prop}" is not among the properties checked (${known.join(', ')})`);
    expect = { kind: 'violates', property: prop };
  } else {
    return fail('expect', `required: "pass" or {"violates": "<property>"} (got ${show(raw.expect)})`);
  }

  return {
    file,
    name: specName(file),
    description: typeof raw.description === 'string' ? raw.description : '',
    protocol,
    params,
    bugs,
    config,
    settings: { network, faults, initialCuts: dedupedCuts, time, dropStale: !invariants.some((i) => i.readsMessages === true) },
    invariants,
    limits,
    bounded: raw.bounded === true,
    symmetry: raw.symmetry === true,
    expect,
    ...(eventually === undefined ? {} : { eventually }),
    reachable,
    raw,
  };
}

function positive(field: string, v: unknown, fail: (f: string, p: string) => never): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) fail(field, `must be a number of seconds > 0 (got ${show(v)})`);
  return v as number;
}
