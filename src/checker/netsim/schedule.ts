/**
 * The schedule language: timed faults on a network's places.
 *
 *   {"at": 10000, "partition": [["a", "b"], ["b", "a"]]}      directed links
 *   {"at": 10000, "partition": {"isolate": "a"}}               every link to and from a
 *   {"at": 10000, "partition": {"between": [["a"], ["b", "c"]]}}   both ways between groups
 *   {"at": 10000, "partition": {"reachesOnly": {"d": ["b"]}}}  d keeps only its links with b
 *   {"at": 40000, "heal": "all"}                               or any link set as above
 *   {"at": 5000, "crash": "a"}                                 every node placed at a
 *   {"at": 8000, "restart": "a", "disk": false}                disk lost (default: kept)
 *   {"at": 0, "every": 20000, "until": 60000, "partition": ...}   repeats
 *
 * Every mistake is a one-line error naming the field (exit 2).
 */
import type { Fail } from './distribution.js';

export type Link = readonly [string, string];

export type FaultAction =
  | { readonly kind: 'partition'; readonly links: readonly Link[] }
  | { readonly kind: 'heal'; readonly links: readonly Link[] | 'all' }
  | { readonly kind: 'crash'; readonly place: string }
  | { readonly kind: 'restart'; readonly place: string; readonly disk: boolean };

export interface ScheduledFault {
  readonly at: number;
  readonly every?: number;
  readonly until?: number;
  readonly action: FaultAction;
  /** As written, for reports: "partition {isolate: a}". */
  readonly text: string;
}

/** A fault at one moment, periodic ones unrolled. */
export interface FaultEvent {
  readonly at: number;
  readonly action: FaultAction;
  readonly text: string;
}

const ACTIONS = ['partition', 'heal', 'crash', 'restart'];
const FIELDS = ['at', 'every', 'until', 'disk', 'note', ...ACTIONS];

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 50 ? `${s.slice(0, 47)}...` : s;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a link set: pairs, or one of the isolate / between / reachesOnly forms. */
export function parseLinks(field: string, raw: unknown, places: readonly string[], fail: Fail): Link[] {
  const place = (f: string, v: unknown): string => {
    if (typeof v !== 'string' || !places.includes(v)) fail(f, `unknown place ${show(v)} (places: ${places.join(', ')})`);
    return v as string;
  };
  const out: Link[] = [];
  const add = (a: string, b: string): void => {
    if (a !== b && !out.some(([x, y]) => x === a && y === b)) out.push([a, b]);
  };
  if (Array.isArray(raw)) {
    if (raw.length === 0) fail(field, 'an empty set of links');
    raw.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) fail(`${field}[${i}]`, `must be a [from, to] pair (got ${show(pair)})`);
      const [a, b] = [place(`${field}[${i}][0]`, (pair as unknown[])[0]), place(`${field}[${i}][1]`, (pair as unknown[])[1])];
      if (a === b) fail(`${field}[${i}]`, 'a place cannot be cut from itself');
      add(a, b);
    });
    return out;
  }
  if (!isObj(raw) || Object.keys(raw).length !== 1) {
    return fail(field, `must be [[from, to], ...] or one of {"isolate": p}, {"between": [[...], [...]]}, {"reachesOnly": {p: [...]}} (got ${show(raw)})`);
  }
  const [form, v] = Object.entries(raw)[0];
  const at = `${field}.${form}`;
  if (form === 'isolate') {
    const p = place(at, v);
    for (const q of places) if (q !== p) add(p, q), add(q, p);
  } else if (form === 'between') {
    if (!Array.isArray(v) || v.length !== 2 || !v.every(Array.isArray)) return fail(at, `must be two groups of places [[...], [...]] (got ${show(v)})`);
    const [g1, g2] = (v as unknown[][]).map((g, i) => g.map((p, j) => place(`${at}[${i}][${j}]`, p)));
    for (const p of g1) if (g2.includes(p)) fail(at, `place "${p}" is in both groups`);
    for (const p of g1) for (const q of g2) add(p, q), add(q, p);
  } else if (form === 'reachesOnly') {
    if (!isObj(v)) return fail(at, `must map a place to the places it still reaches (got ${show(v)})`);
    for (const [who, keep] of Object.entries(v)) {
      const p = place(`${at}.${who}`, who);
      if (!Array.isArray(keep)) fail(`${at}.${who}`, `must be an array of places (got ${show(keep)})`);
      const ks = (keep as unknown[]).map((k, i) => place(`${at}.${who}[${i}]`, k));
      for (const q of places) if (q !== p && !ks.includes(q)) add(p, q), add(q, p);
    }
  } else {
    return fail(field, `unknown link set "${form}" (known: isolate, between, reachesOnly, or [[from, to], ...])`);
  }
  if (out.length === 0) fail(field, 'selects no links');
  return out;
}

export function parseSchedule(field: string, raw: unknown, places: readonly string[], fail: Fail): ScheduledFault[] {
  if (!Array.isArray(raw)) return fail(field, `must be an array of events (got ${show(raw)})`);
  return raw.map((e, i) => {
    const f = `${field}[${i}]`;
    if (!isObj(e)) return fail(f, `must be an object such as {"at": 1000, "crash": "a"} (got ${show(e)})`);
    for (const k of Object.keys(e)) if (!FIELDS.includes(k)) fail(`${f}.${k}`, `unknown field (known: ${FIELDS.join(', ')})`);
    const acts = ACTIONS.filter((a) => e[a] !== undefined);
    if (acts.length !== 1) fail(f, `needs exactly one of ${ACTIONS.join(', ')} (got ${acts.length === 0 ? 'none' : acts.join(' and ')})`);
    const at = e.at;
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) fail(`${f}.at`, `must be a time in ms ≥ 0 (got ${show(at)})`);
    const kind = acts[0];
    if (e.disk !== undefined && kind !== 'restart') fail(`${f}.disk`, 'only a restart keeps or loses its disk');
    let action: FaultAction;
    if (kind === 'partition') action = { kind, links: parseLinks(`${f}.partition`, e.partition, places, fail) };
    else if (kind === 'heal') action = { kind, links: e.heal === 'all' ? 'all' : parseLinks(`${f}.heal`, e.heal, places, fail) };
    else {
      const p = e[kind];
      if (typeof p !== 'string' || !places.includes(p)) fail(`${f}.${kind}`, `unknown place ${show(p)} (places: ${places.join(', ')})`);
      if (kind === 'crash') action = { kind, place: p as string };
      else {
        if (e.disk !== undefined && typeof e.disk !== 'boolean') fail(`${f}.disk`, `must be true or false (got ${show(e.disk)})`);
        action = { kind: 'restart', place: p as string, disk: e.disk !== false };
      }
    }
    let every: number | undefined;
    let until: number | undefined;
    if (e.every !== undefined) {
      if (typeof e.every !== 'number' || !(e.every > 0) || !Number.isFinite(e.every)) fail(`${f}.every`, `must be a period in ms > 0 (got ${show(e.every)})`);
      every = e.every as number;
    }
    if (e.until !== undefined) {
      if (every === undefined) fail(`${f}.until`, 'only a repeating event ("every") has an end');
      if (typeof e.until !== 'number' || !((e.until as number) > (at as number))) fail(`${f}.until`, `must be a time in ms after "at" (got ${show(e.until)})`);
      until = e.until as number;
    }
    const text = `${kind} ${show(e[kind])}${kind === 'restart' ? (e.disk === false ? ' (disk lost)' : ' (disk kept)') : ''}`;
    return { at: at as number, action, text, ...(every === undefined ? {} : { every }), ...(until === undefined ? {} : { until }) };
  });
}

/** Unrolls repeating faults up to the end of the run, in time order (stable for equal times). */
export function unroll(schedule: readonly ScheduledFault[], duration: number): FaultEvent[] {
  const out: FaultEvent[] = [];
  for (const s of schedule) {
    const end = Math.min(s.until ?? duration, duration);
    if (s.every === undefined) {
      if (s.at <= duration) out.push({ at: s.at, action: s.action, text: s.text });
      continue;
    }
    for (let t = s.at; t <= end; t += s.every) out.push({ at: t, action: s.action, text: s.text });
  }
  return out.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.i - y.i).map((x) => x.e);
}
