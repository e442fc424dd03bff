/**
 * A network file (networks/*.json): places, the links between them with
 * their latency distributions, loss and duplication rates, clock drift per
 * place, and a schedule of faults. Places are not protocol nodes: a spec
 * places its nodes on them, so one network serves every protocol.
 *
 *   {
 *     "description": "...",                    where the figures come from
 *     "places": ["a", "b"],
 *     "local": {"constant": 0.05},             between nodes at one place (default 0.05 ms)
 *     "default": {"latency": {...}, "loss": 0, "duplicate": 0},
 *     "links": [{"between": ["a", "b"], "latency": {...}}, {"from": "a", "to": "b", "loss": 0.1}],
 *     "drift": {"a": 200},                     parts per million, + runs fast
 *     "schedule": [ ... ]                      see schedule.ts
 *   }
 */
import { SpecError } from '../spec.js';
import { parseDistribution, type Distribution, type Fail } from './distribution.js';
import { parseSchedule, type ScheduledFault } from './schedule.js';

export interface LinkSpec {
  readonly latency: Distribution;
  readonly loss: number;
  readonly duplicate: number;
}

export interface NetworkModel {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly places: readonly string[];
  readonly local: Distribution;
  /** Directed link a→b, for every ordered pair of distinct places. */
  link(from: string, to: string): LinkSpec;
  /** Parts per million by place (0 when not given). */
  readonly drift: Readonly<Record<string, number>>;
  readonly schedule: readonly ScheduledFault[];
}

const FIELDS = ['$schema', 'description', 'places', 'local', 'default', 'links', 'drift', 'schedule'];
const LINK_FIELDS = ['from', 'to', 'between', 'latency', 'loss', 'duplicate', 'note'];

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rate(field: string, v: unknown, fail: Fail): number {
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) fail(field, `must be a probability from 0 up to (not including) 1 (got ${show(v)})`);
  return v as number;
}

export function networkName(file: string): string {
  return (file.replace(/\\/g, '/').split('/').pop() ?? file).replace(/\.json$/, '');
}

export function parseNetwork(file: string, text: string): NetworkModel {
  const fail: Fail = (field, problem) => {
    throw new SpecError(file, field, problem);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail('', `not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(raw)) return fail('', 'a network must be a JSON object');
  for (const k of Object.keys(raw)) if (!FIELDS.includes(k)) fail(k, `unknown field (known: ${FIELDS.slice(1).join(', ')})`);
  if (typeof raw.description !== 'string' || raw.description === '') fail('description', 'required: what the network is and where its figures come from');
  const places = raw.places;
  if (!Array.isArray(places) || places.length === 0 || !places.every((p) => typeof p === 'string' && p !== '')) {
    return fail('places', `must be a non-empty array of place names (got ${show(places)})`);
  }
  const dup = places.find((p, i) => places.indexOf(p) !== i);
  if (dup !== undefined) fail('places', `"${dup}" appears twice`);
  const ps = places as string[];
  const place = (field: string, v: unknown): string => {
    if (typeof v !== 'string' || !ps.includes(v)) fail(field, `unknown place ${show(v)} (places: ${ps.join(', ')})`);
    return v as string;
  };

  const local = raw.local === undefined ? ({ kind: 'constant', value: 0.05 } as const) : parseDistribution('local', raw.local, fail);
  const d = raw.default === undefined ? {} : raw.default;
  if (!isObj(d)) return fail('default', `must be an object (got ${show(d)})`);
  for (const k of Object.keys(d)) if (!['latency', 'loss', 'duplicate'].includes(k)) fail(`default.${k}`, 'unknown field (known: latency, loss, duplicate)');
  const base: LinkSpec = {
    latency: d.latency === undefined ? { kind: 'constant', value: 1 } : parseDistribution('default.latency', d.latency, fail),
    loss: d.loss === undefined ? 0 : rate('default.loss', d.loss, fail),
    duplicate: d.duplicate === undefined ? 0 : rate('default.duplicate', d.duplicate, fail),
  };
  const links = new Map<string, LinkSpec>();
  const linksIn = raw.links === undefined ? [] : raw.links;
  if (!Array.isArray(linksIn)) return fail('links', `must be an array (got ${show(linksIn)})`);
  linksIn.forEach((l, i) => {
    const f = `links[${i}]`;
    if (!isObj(l)) return fail(f, `must be an object (got ${show(l)})`);
    for (const k of Object.keys(l)) if (!LINK_FIELDS.includes(k)) fail(`${f}.${k}`, `unknown field (known: ${LINK_FIELDS.join(', ')})`);
    let pairs: [string, string][];
    if (l.between !== undefined) {
      if (l.from !== undefined || l.to !== undefined) fail(f, 'give "between" or "from" and "to", not both');
      if (!Array.isArray(l.between) || l.between.length !== 2) return fail(`${f}.between`, `must be two places (got ${show(l.between)})`);
      const a = place(`${f}.between[0]`, l.between[0]);
      const b = place(`${f}.between[1]`, l.between[1]);
      pairs = [[a, b], [b, a]];
    } else {
      pairs = [[place(`${f}.from`, l.from), place(`${f}.to`, l.to)]];
    }
    for (const [a, b] of pairs) {
      if (a === b) fail(f, 'a link joins two different places (same-place latency is "local")');
      const key = `${a}>${b}`;
      if (links.has(key)) fail(f, `the link ${a}→${b} is given twice`);
      links.set(key, {
        latency: l.latency === undefined ? base.latency : parseDistribution(`${f}.latency`, l.latency, fail),
        loss: l.loss === undefined ? base.loss : rate(`${f}.loss`, l.loss, fail),
        duplicate: l.duplicate === undefined ? base.duplicate : rate(`${f}.duplicate`, l.duplicate, fail),
      });
    }
  });
  const drift: Record<string, number> = {};
  if (raw.drift !== undefined) {
    if (!isObj(raw.drift)) return fail('drift', `must map places to parts per million (got ${show(raw.drift)})`);
    for (const [p, v] of Object.entries(raw.drift)) {
      place(`drift.${p}`, p);
      if (typeof v !== 'number' || !(Math.abs(v) < 1e5)) fail(`drift.${p}`, `must be parts per million, |drift| < 100000 (got ${show(v)})`);
      drift[p] = v as number;
    }
  }
  const schedule = raw.schedule === undefined ? [] : parseSchedule('schedule', raw.schedule, ps, fail);
  return {
    file,
    name: networkName(file),
    description: raw.description as string,
    places: ps,
    local,
    link: (from, to) => links.get(`${from}>${to}`) ?? base,
    drift,
    schedule,
  };
}
