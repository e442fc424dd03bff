/**
 * The "netsim" section of a spec: how the protocol's timers are drawn, where
 * its nodes sit on the network, the client workload, and the run's length.
 *
 *   "netsim": {
 *     "network": "../networks/lan.json",        default network, relative to the spec (--network overrides)
 *     "placement": {"s1": "a", "s2": "b"},     node → place (default: in order)
 *     "timers": {"election": {"uniform": [150, 300]}, "heartbeat": {"constant": 50}},
 *     "clients": {"timer": "client", "interval": {"exponential": 100}, "timeout": 2000, "start": 0},
 *     "schedule": [ ... ],                       faults added to the network's own
 *     "fifo": true,                              messages between two nodes keep their order (TCP)
 *     "duration": 60000, "runs": 10, "seed": 1
 *   }
 *
 * Every timer the protocol's enabled steps name must get a distribution
 * (checked as the run meets it, against Protocol.timers here); the client
 * timer is driven by requests, not by a delay.
 *
 * A protocol whose configuration has client nodes of its own (it declares
 * an object: Protocol.object) is driven through them instead: their steps
 * wait for timers like any other (a pause between operations, a retry),
 * an operation runs from the step that invokes it to the one that receives
 * its response, and "clients" takes only {"timeout": ms}, the time within
 * which an operation must be answered to count as available.
 */
import { SpecError, type LoadedSpec } from '../spec.js';
import { parseDistribution, type Distribution, type Fail } from './distribution.js';
import type { NetworkModel } from './network.js';
import { parseSchedule, type ScheduledFault } from './schedule.js';

export interface ClientSettings {
  /** The timer name of the protocol's client-request steps. */
  readonly timer: string;
  /** Time between request arrivals (open loop: arrivals do not wait for answers). */
  readonly interval: Distribution;
  /** A request not completed this long after it was issued has failed. */
  readonly timeout: number;
  /** No requests before this time (ms): leave out start-up, before any election could finish. */
  readonly start: number;
}

/** For a protocol with client nodes: an operation answered within `timeout` ms counts as available (null: no availability figure). */
export interface ClientNodeSettings {
  readonly timeout: number | null;
}

export interface NetsimSettings {
  readonly networkFile?: string;
  readonly placement?: Readonly<Record<string, string>>;
  readonly timers: Readonly<Record<string, Distribution>>;
  readonly clients?: ClientSettings;
  /** Set when the protocol's configuration has client nodes (then `clients` is not). */
  readonly clientNodes?: ClientNodeSettings;
  /** Faults given by the spec; the network's come first. */
  readonly rawSchedule?: unknown;
  /** Per directed pair of nodes, messages arrive in the order sent, as over one TCP connection (default: each drawn on its own, so they may overtake). */
  readonly fifo: boolean;
  readonly duration: number;
  readonly runs: number;
  readonly seed: number;
}

const FIELDS = ['network', 'placement', 'timers', 'clients', 'schedule', 'fifo', 'duration', 'runs', 'seed'];
export const NETSIM_DEFAULTS = { duration: 60_000, runs: 1, seed: 1 };

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function netsimSettings(spec: LoadedSpec): NetsimSettings {
  const fail: Fail = (field, problem) => {
    throw new SpecError(spec.file, field, problem);
  };
  const raw = spec.raw.netsim;
  if (raw === undefined) return fail('netsim', 'required for synod netsim: {"timers": {...}, ...} gives the protocol\'s timers their delays');
  if (!isObj(raw)) return fail('netsim', `must be an object (got ${show(raw)})`);
  for (const k of Object.keys(raw)) if (!FIELDS.includes(k)) fail(`netsim.${k}`, `unknown field (known: ${FIELDS.join(', ')})`);
  const declared = (spec.protocol.timers ?? []).map((t) => t.name);
  const timersIn = raw.timers === undefined ? {} : raw.timers;
  if (!isObj(timersIn)) return fail('netsim.timers', `must map timer names to distributions (got ${show(timersIn)})`);
  const timers: Record<string, Distribution> = {};
  for (const [name, d] of Object.entries(timersIn)) {
    if (!declared.includes(name) && name !== 'default') {
      fail(`netsim.timers.${name}`, `${spec.protocol.name} has no timer "${name}" (timers: ${[...declared, 'default'].join(', ')})`);
    }
    timers[name] = parseDistribution(`netsim.timers.${name}`, d, fail, true);
  }
  let clients: ClientSettings | undefined;
  let clientNodes: ClientNodeSettings | undefined;
  if ((spec.protocol.object?.(spec.config) ?? null) !== null) {
    const c = raw.clients ?? {};
    if (!isObj(c)) return fail('netsim.clients', `must be an object (got ${show(c)})`);
    for (const k of Object.keys(c)) {
      if (k !== 'timeout') fail(`netsim.clients.${k}`, `${spec.protocol.name}'s clients are nodes of its own: give their timers in netsim.timers; netsim.clients takes only timeout`);
    }
    if (c.timeout !== undefined && (typeof c.timeout !== 'number' || !(c.timeout > 0))) fail('netsim.clients.timeout', `must be ms > 0 (got ${show(c.timeout)})`);
    clientNodes = { timeout: (c.timeout as number | undefined) ?? null };
  } else if (raw.clients !== undefined) {
    const c = raw.clients;
    if (!isObj(c)) return fail('netsim.clients', `must be an object (got ${show(c)})`);
    for (const k of Object.keys(c)) if (!['timer', 'interval', 'timeout', 'start'].includes(k)) fail(`netsim.clients.${k}`, 'unknown field (known: timer, interval, timeout, start)');
    const timer = c.timer ?? 'client';
    if (typeof timer !== 'string' || !declared.includes(timer)) fail('netsim.clients.timer', `${spec.protocol.name} has no timer ${show(timer)} (timers: ${declared.join(', ') || 'none'})`);
    if (timers[timer as string] !== undefined) fail(`netsim.timers.${String(timer)}`, 'is the client timer: requests drive it, give their interval in netsim.clients.interval');
    if (spec.protocol.observe === undefined) fail('netsim.clients', `${spec.protocol.name} has no observe(): the simulator cannot tell when a request commits`);
    if (c.interval === undefined) fail('netsim.clients.interval', 'required: the time between requests, e.g. {"exponential": 100}');
    const interval = parseDistribution('netsim.clients.interval', c.interval, fail);
    if (c.timeout === undefined || typeof c.timeout !== 'number' || !(c.timeout > 0)) fail('netsim.clients.timeout', `must be ms > 0 (got ${show(c.timeout)})`);
    if (c.start !== undefined && (typeof c.start !== 'number' || !(c.start >= 0))) fail('netsim.clients.start', `must be ms ≥ 0 (got ${show(c.start)})`);
    clients = { timer: timer as string, interval, timeout: c.timeout as number, start: (c.start as number | undefined) ?? 0 };
  }
  const positiveInt = (field: string, v: unknown, max: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) fail(field, `must be an integer from 1 to ${max} (got ${show(v)})`);
    return v as number;
  };
  let placement: Record<string, string> | undefined;
  if (raw.placement !== undefined) {
    if (!isObj(raw.placement)) return fail('netsim.placement', `must map node ids to places (got ${show(raw.placement)})`);
    placement = {};
    const ids = spec.protocol.nodes(spec.config).map((n) => n.id);
    for (const [n, p] of Object.entries(raw.placement)) {
      if (!ids.includes(n)) fail(`netsim.placement.${n}`, `unknown node (nodes: ${ids.join(', ')})`);
      if (typeof p !== 'string') fail(`netsim.placement.${n}`, `must be a place name (got ${show(p)})`);
      placement[n] = p as string;
    }
  }
  if (raw.fifo !== undefined && typeof raw.fifo !== 'boolean') fail('netsim.fifo', `must be true or false (got ${show(raw.fifo)})`);
  if (raw.network !== undefined && typeof raw.network !== 'string') fail('netsim.network', `must be a path to a network file (got ${show(raw.network)})`);
  if (raw.duration !== undefined && (typeof raw.duration !== 'number' || !(raw.duration > 0) || raw.duration > 3.6e9)) {
    fail('netsim.duration', `must be ms > 0, at most 1000 hours (got ${show(raw.duration)})`);
  }
  if (raw.seed !== undefined && (typeof raw.seed !== 'number' || !Number.isInteger(raw.seed) || Math.abs(raw.seed) > 2 ** 31)) {
    fail('netsim.seed', `must be a 32-bit integer (got ${show(raw.seed)})`);
  }
  return {
    ...(raw.network === undefined ? {} : { networkFile: raw.network as string }),
    ...(placement === undefined ? {} : { placement }),
    timers,
    ...(clients === undefined ? {} : { clients }),
    ...(clientNodes === undefined ? {} : { clientNodes }),
    ...(raw.schedule === undefined ? {} : { rawSchedule: raw.schedule }),
    fifo: raw.fifo === true,
    duration: (raw.duration as number | undefined) ?? NETSIM_DEFAULTS.duration,
    runs: raw.runs === undefined ? NETSIM_DEFAULTS.runs : positiveInt('netsim.runs', raw.runs, 10_000),
    seed: (raw.seed as number | undefined) ?? NETSIM_DEFAULTS.seed,
  };
}

/** Node → place, checked against the network: the spec's placement, else nodes in order onto places. */
export function placeNodes(spec: LoadedSpec, s: NetsimSettings, net: NetworkModel): Record<string, string> {
  const ids = spec.protocol.nodes(spec.config).map((n) => n.id);
  const out: Record<string, string> = {};
  if (s.placement === undefined) {
    if (ids.length > net.places.length) {
      throw new SpecError(spec.file, 'netsim.placement', `${ids.length} nodes but ${net.name} has ${net.places.length} places: say where each node sits`);
    }
    ids.forEach((id, i) => (out[id] = net.places[i]));
    return out;
  }
  for (const id of ids) {
    const p = s.placement[id];
    if (p === undefined) throw new SpecError(spec.file, 'netsim.placement', `node ${id} has no place (every node needs one)`);
    if (!net.places.includes(p)) throw new SpecError(spec.file, `netsim.placement.${id}`, `${net.name} has no place "${p}" (places: ${net.places.join(', ')})`);
    out[id] = p;
  }
  return out;
}

/** The network's schedule followed by the spec's, parsed against the network's places. */
export function fullSchedule(spec: LoadedSpec, s: NetsimSettings, net: NetworkModel): ScheduledFault[] {
  const fail: Fail = (field, problem) => {
    throw new SpecError(spec.file, field, problem);
  };
  return [...net.schedule, ...(s.rawSchedule === undefined ? [] : parseSchedule('netsim.schedule', s.rawSchedule, net.places, fail))];
}
