/**
 * Counterexamples in the Informal Trace Format (ITF) of Apalache and Quint
 * (https://apalache-mc.org/docs/adr/015adr-trace.html), so that existing
 * trace viewers read them, and so that `synod trace` can re-render one
 * from the file alone.
 *
 * Variables: one per node (a record: role, up, clock, state, summary, and
 * fields: the state's fields as the model describes them, when it does),
 * `messages` (the messages in flight, one entry per copy), `cuts` (a set of
 * directed links), `faults` (faults used so far, by kind), `time` (global
 * time) and `action` (the label of the step that led to the state).
 * Integers are {"#bigint": "3"}; a model's lists stay lists, its records
 * stay records; null, which ITF lacks, and non-integer numbers are
 * {"#unserializable": "..."}. Each state's `#meta` carries, besides its
 * index, the step as the checker recorded it (action, messages sent), and the
 * trace's `#meta` the spec, protocol, parameters and violation. `loop`, for a
 * lasso, is the index of the state the last state equals.
 */
import type { Data, NodeId } from '../../model/contract.js';
import type { Action, MessageSnapshot, NodeSnapshot, PropertyTimeline, Trace, TraceStep, TraceViolation, WorldSnapshot } from '../trace.js';
import { checkAction, checkMessage, checkStrings, checkViolation, TraceFileError } from './trace-check.js';

export type ItfValue = boolean | string | readonly ItfValue[] | { readonly [key: string]: ItfValue };

export interface ItfState {
  readonly '#meta': ItfStateMeta;
  readonly [variable: string]: ItfValue | ItfStateMeta;
}

export interface ItfStateMeta {
  readonly index: number;
  /** The step's label; "initial state" for state 0. */
  readonly label: string;
  /** The step as recorded by the checker (absent for state 0). */
  readonly action?: Action;
  readonly sent?: readonly MessageSnapshot[];
}

export interface ItfMeta {
  readonly format: 'ITF';
  readonly 'format-description': string;
  readonly source: string;
  readonly description: string;
  readonly spec: string;
  readonly protocol: string;
  readonly params: Readonly<Record<string, Data>>;
  readonly bugs: readonly string[];
  readonly usesTime: boolean;
  readonly nodes: readonly { readonly id: NodeId; readonly role: string }[];
  readonly violation?: TraceViolation;
  readonly notes?: readonly string[];
  readonly network?: Trace['network'];
  /** A lasso that closes up to the model's view: the view's description. */
  readonly view?: string;
  /** The spec's properties and which of them each state breaks. */
  readonly properties?: PropertyTimeline;
}

export interface ItfTrace {
  readonly '#meta': ItfMeta;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  readonly loop?: number;
}

export class ItfError extends Error {}

const WORLD_VARS = ['messages', 'cuts', 'faults', 'time', 'action'] as const;

// ------------------------------------------------------------------ values

export function encodeData(x: Data): ItfValue {
  if (x === null) return { '#unserializable': 'null' };
  if (typeof x === 'number') return Number.isInteger(x) ? { '#bigint': String(x) } : { '#unserializable': String(x) };
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map((e: Data) => encodeData(e));
  const out: Record<string, ItfValue> = {};
  for (const [k, v] of Object.entries(x as { readonly [k: string]: Data })) out[k] = encodeData(v);
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function decodeData(x: unknown, where: string): Data {
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return x;
  if (Array.isArray(x)) return x.map((e, i) => decodeData(e, `${where}[${i}]`));
  if (!isRecord(x)) throw new ItfError(`${where}: not an ITF value`);
  if ('#bigint' in x) {
    const n = Number(x['#bigint']);
    if (typeof x['#bigint'] !== 'string' || !Number.isSafeInteger(n)) throw new ItfError(`${where}: bad #bigint ${JSON.stringify(x['#bigint'])}`);
    return n;
  }
  if ('#unserializable' in x) {
    const s = x['#unserializable'];
    if (s === 'null') return null;
    const n = Number(s);
    if (typeof s !== 'string' || !Number.isFinite(n)) throw new ItfError(`${where}: cannot read #unserializable ${JSON.stringify(s)}`);
    return n;
  }
  if ('#tup' in x && Array.isArray(x['#tup'])) return x['#tup'].map((e, i) => decodeData(e, `${where}[${i}]`));
  if ('#set' in x && Array.isArray(x['#set'])) return x['#set'].map((e, i) => decodeData(e, `${where}[${i}]`));
  if ('#map' in x) throw new ItfError(`${where}: #map is not a synod value here`);
  const out: Record<string, Data> = {};
  for (const [k, v] of Object.entries(x)) out[k] = decodeData(v, `${where}.${k}`);
  return out;
}

function int(n: number): ItfValue {
  return { '#bigint': String(n) };
}

// ------------------------------------------------------------------ encode

function nodeValue(n: NodeSnapshot): ItfValue {
  return { role: n.role, up: n.up, clock: int(n.clock), state: encodeData(n.state), summary: n.summary, ...(n.fields === undefined ? {} : { fields: n.fields }) };
}

function worldState(world: WorldSnapshot, index: number, label: string, step?: TraceStep): ItfState {
  const faults: Record<string, ItfValue> = {};
  for (const [k, v] of Object.entries(world.faultsUsed)) faults[k] = int(v);
  const state: Record<string, ItfValue | ItfStateMeta> = {
    '#meta': { index, label, ...(step === undefined ? {} : { action: step.action, sent: step.sent }) },
  };
  for (const n of world.nodes) state[n.id] = nodeValue(n);
  state.messages = world.messages.map((m) => ({ from: m.from, to: m.to, msg: encodeData(m.msg), text: m.text }));
  state.cuts = { '#set': world.cuts.map(([a, b]) => ({ '#tup': [a, b] })) };
  state.faults = faults;
  state.time = int(world.time);
  state.action = label;
  return state as ItfState;
}

export function toItf(trace: Trace, options: { readonly usesTime: boolean; readonly source?: string }): ItfTrace {
  const ids = trace.initial.nodes.map((n) => n.id);
  const clash = ids.find((id) => (WORLD_VARS as readonly string[]).includes(id));
  if (clash !== undefined) throw new ItfError(`node id "${clash}" clashes with an ITF variable name`);
  const what = trace.violation === undefined ? 'trace' : `counterexample to ${trace.violation.property}`;
  const meta: ItfMeta = {
    format: 'ITF',
    'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
    source: options.source ?? trace.spec,
    description: `synod ${what}: ${trace.spec}`,
    spec: trace.spec,
    protocol: trace.protocol,
    params: trace.params,
    bugs: trace.bugs,
    usesTime: options.usesTime,
    nodes: trace.initial.nodes.map((n) => ({ id: n.id, role: n.role })),
    ...(trace.violation === undefined ? {} : { violation: trace.violation }),
    ...(trace.notes === undefined ? {} : { notes: trace.notes }),
    ...(trace.network === undefined ? {} : { network: trace.network }),
    ...(trace.view === undefined ? {} : { view: trace.view }),
    ...(trace.properties === undefined ? {} : { properties: trace.properties }),
  };
  return {
    '#meta': meta,
    vars: [...ids, ...WORLD_VARS],
    states: [worldState(trace.initial, 0, 'initial state'), ...trace.steps.map((s, i) => worldState(s.world, i + 1, s.label, s))],
    ...(trace.loop === undefined ? {} : { loop: trace.loop }),
  };
}

/** Deterministic text: two-space JSON, one trailing newline. */
export function itfText(itf: ItfTrace): string {
  return JSON.stringify(itf, null, 2) + '\n';
}

// ------------------------------------------------------------------ decode

/** The strict checks of trace-check.ts, reported as ItfError like every other problem here. */
function strictly<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof TraceFileError) throw new ItfError(e.message);
    throw e;
  }
}

function field<T>(x: Record<string, unknown>, key: string, where: string, ok: (v: unknown) => v is T, what: string): T {
  const v = x[key];
  if (!ok(v)) throw new ItfError(`${where}.${key}: expected ${what}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

function intOf(x: unknown, where: string): number {
  const d = decodeData(x, where);
  if (typeof d !== 'number' || !Number.isInteger(d)) throw new ItfError(`${where}: expected an integer`);
  return d;
}

function stringRecord(x: unknown, where: string): Record<string, string> {
  if (!isRecord(x) || !Object.values(x).every(isString)) throw new ItfError(`${where}: expected a record of strings`);
  return x as Record<string, string>;
}

function readWorld(s: Record<string, unknown>, nodes: ItfMeta['nodes'], where: string): WorldSnapshot {
  const snapshots: NodeSnapshot[] = nodes.map(({ id }) => {
    const w = `${where}.${id}`;
    const v = s[id];
    if (!isRecord(v)) throw new ItfError(`${w}: missing node variable`);
    return {
      id,
      role: field(v, 'role', w, isString, 'a string'),
      up: field(v, 'up', w, isBool, 'a boolean'),
      state: decodeData(v.state, `${w}.state`),
      summary: field(v, 'summary', w, isString, 'a string'),
      ...(v.fields === undefined ? {} : { fields: stringRecord(v.fields, `${w}.fields`) }),
      clock: intOf(v.clock, `${w}.clock`),
    };
  });
  const messages = field(s, 'messages', where, isArray, 'a list').map((m, k): MessageSnapshot => {
    const w = `${where}.messages[${k}]`;
    if (!isRecord(m)) throw new ItfError(`${w}: expected a record`);
    return { from: field(m, 'from', w, isString, 'a string'), to: field(m, 'to', w, isString, 'a string'), msg: decodeData(m.msg, `${w}.msg`), text: field(m, 'text', w, isString, 'a string') };
  });
  const cutSet = s.cuts;
  if (!isRecord(cutSet) || !Array.isArray(cutSet['#set'])) throw new ItfError(`${where}.cuts: expected a #set`);
  const cuts = cutSet['#set'].map((c, k): readonly [NodeId, NodeId] => {
    const t = isRecord(c) ? c['#tup'] : undefined;
    if (!Array.isArray(t) || t.length !== 2 || !isString(t[0]) || !isString(t[1])) throw new ItfError(`${where}.cuts[${k}]: expected a #tup of two node ids`);
    return [t[0], t[1]];
  });
  const f = s.faults;
  if (!isRecord(f)) throw new ItfError(`${where}.faults: expected a record`);
  const faultsUsed: Record<string, number> = {};
  for (const [k, v] of Object.entries(f)) faultsUsed[k] = intOf(v, `${where}.faults.${k}`);
  return { time: intOf(s.time, `${where}.time`), nodes: snapshots, messages, cuts, faultsUsed };
}

function isTimeline(x: unknown, worlds: number): x is PropertyTimeline {
  if (x === undefined) return false;
  if (!isRecord(x) || !Array.isArray(x.list) || !Array.isArray(x.worlds) || x.worlds.length !== worlds) throw new ItfError('#meta.properties: expected {list, worlds} with one entry per state');
  return true;
}

export interface ParsedItf {
  readonly trace: Trace;
  readonly usesTime: boolean;
}

/** Reads an ITF trace written by toItf back into a Trace; ItfError names what is wrong. */
export function fromItf(json: unknown): ParsedItf {
  if (!isRecord(json)) throw new ItfError('not an ITF trace: expected a JSON object');
  const meta = json['#meta'];
  if (!isRecord(meta)) throw new ItfError('#meta: missing');
  const nodes = field(meta, 'nodes', '#meta', isArray, 'a list of {id, role} (was this trace written by synod?)').map((n, k) => {
    if (!isRecord(n) || !isString(n.id) || !isString(n.role)) throw new ItfError(`#meta.nodes[${k}]: expected {id, role}`);
    return { id: n.id, role: n.role };
  });
  const states = field(json, 'states', 'trace', isArray, 'a list of states');
  if (states.length === 0) throw new ItfError('states: empty');
  const worlds = states.map((s, i) => {
    if (!isRecord(s)) throw new ItfError(`states[${i}]: expected a record`);
    return readWorld(s, nodes, `states[${i}]`);
  });
  const steps = states.slice(1).map((s, k): TraceStep => {
    const where = `states[${k + 1}].#meta`;
    const m = (s as Record<string, unknown>)['#meta'];
    if (!isRecord(m)) throw new ItfError(`${where}: missing`);
    return {
      action: strictly(() => checkAction(m.action, `${where}.action`)),
      label: field(m, 'label', where, isString, 'a string'),
      sent: field(m, 'sent', where, isArray, 'a list').map((x, j) => strictly(() => checkMessage(x, `${where}.sent[${j}]`))),
      world: worlds[k + 1],
    };
  });
  const loop = json.loop;
  if (loop !== undefined && (typeof loop !== 'number' || !Number.isInteger(loop) || loop < 0 || loop >= states.length)) throw new ItfError('loop: expected a state index');
  const violation = meta.violation;
  const notes = meta.notes;
  const trace: Trace = {
    spec: field(meta, 'spec', '#meta', isString, 'a string'),
    protocol: field(meta, 'protocol', '#meta', isString, 'a string'),
    params: field(meta, 'params', '#meta', isRecord, 'a record') as Record<string, Data>,
    bugs: strictly(() => checkStrings(meta.bugs, '#meta.bugs')),
    initial: worlds[0],
    steps,
    ...(violation === undefined ? {} : { violation: strictly(() => checkViolation(violation, '#meta.violation')) }),
    ...(loop === undefined ? {} : { loop }),
    ...(notes === undefined ? {} : { notes: strictly(() => checkStrings(notes, '#meta.notes')) }),
    ...(meta.network === 'set' || meta.network === 'multiset' || meta.network === 'fifo' ? { network: meta.network } : {}),
    ...(typeof meta.view === 'string' ? { view: meta.view } : {}),
    ...(isTimeline(meta.properties, states.length) ? { properties: meta.properties } : {}),
  };
  return { trace, usesTime: meta.usesTime === true };
}
