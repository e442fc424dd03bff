/**
 * What a step changed in one node's state, as short readable lines
 * ("promised: 1 → 2", "log[3]: + [2,v1]"). The diff is immer's: the new
 * state is written into a draft of the old one field by field, and the
 * patches immer records are the change. Runs once per trace step, never on
 * the search's hot path.
 */
import { Immer, enablePatches, type Patch } from 'immer';
import type { Data } from '../../model/contract.js';
import type { NodeSnapshot } from '../trace.js';

enablePatches();
// Trace data is shared with the caller: never freeze it behind their back.
const immer = new Immer({ autoFreeze: false });

type Obj = { [key: string]: Data };

function isObj(x: Data | undefined): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isFlat(x: Data): boolean {
  return Array.isArray(x) && x.every((e: Data) => e === null || typeof e !== 'object');
}

function same(a: Data | undefined, b: Data | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((e: Data, i: number) => same(e, b[i]));
  const ka = Object.keys(a as Obj);
  const kb = Object.keys(b as Obj);
  return ka.length === kb.length && ka.every((k) => same((a as Obj)[k], (b as Obj)[k]));
}

/**
 * Whether `into` should be edited in place (yielding patches per field or
 * element) rather than replaced whole. Flat arrays (sets of ids, tuples like
 * a vote or a log entry) read better replaced: "votes: [a] → [a,b]".
 */
function recurse(a: Data | undefined, b: Data): boolean {
  if (isObj(a) && isObj(b)) return true;
  return Array.isArray(a) && Array.isArray(b) && !isFlat(a) && !isFlat(b);
}

/** Rewrites the draft `d` into `target`, touching only what differs. */
function rewrite(d: Obj | Data[], target: Obj | readonly Data[]): void {
  if (Array.isArray(d)) {
    const t = target as readonly Data[];
    if (d.length > t.length) d.length = t.length;
    t.forEach((v, i) => {
      if (i >= d.length) d.push(v);
      else if (same(d[i], v)) return;
      else if (recurse(d[i], v)) rewrite(d[i] as Obj | Data[], v as Obj | Data[]);
      else d[i] = v;
    });
    return;
  }
  const t = target as Obj;
  for (const k of Object.keys(d)) if (!(k in t)) delete d[k];
  for (const [k, v] of Object.entries(t)) {
    if (same(d[k], v)) continue;
    if (recurse(d[k], v)) rewrite(d[k] as Obj | Data[], v as Obj | Data[]);
    else d[k] = v;
  }
}

/** immer's patches turning `before` into `after` (one whole replacement when either is not a container). */
export function statePatches(before: Data, after: Data): Patch[] {
  if (same(before, after)) return [];
  if (!recurse(before, after)) return [{ op: 'replace', path: [], value: after }];
  const [, patches] = immer.produceWithPatches(before as Obj, (draft: Obj | Data[]) => {
    rewrite(draft, after as Obj);
  });
  return patches;
}

/** Compact rendering: strings bare, null as "-", arrays [a,b], records {k:v}; cut at `max` characters. */
export function formatData(x: Data | undefined, max = Infinity): string {
  const s = render(x);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function render(x: Data | undefined): string {
  if (x === undefined || x === null) return '-';
  if (Array.isArray(x)) return `[${x.map((e: Data) => render(e)).join(',')}]`;
  if (typeof x === 'object') return `{${Object.entries(x as Obj).map(([k, v]) => `${k}:${render(v)}`).join(',')}}`;
  return String(x);
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? 'state' : out;
}

function at(x: Data, path: readonly (string | number)[]): Data | undefined {
  let cur: Data | undefined = x;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? (cur as readonly Data[])[p as number] : (cur as Obj)[p as string];
  }
  return cur;
}

/** One line per change: "promised: 1 → 2", "log[2]: + [1,v1]", "log[3]: − [1,v2]". */
export function diffLines(before: Data, after: Data): string[] {
  return statePatches(before, after).map((p) => {
    const path = formatPath(p.path);
    const old = at(before, p.path);
    if (p.op === 'add') return `${path}: + ${formatData(p.value as Data)}`;
    if (p.op === 'remove') return `${path}: − ${formatData(old)}`;
    return `${path}: ${formatData(old)} → ${formatData(p.value as Data)}`;
  });
}

/**
 * What a step changed in one node, field by field in the state's order.
 * Fields the model describes (NodeSnapshot.fields) are compared as the
 * model writes them ("acks: {a3} → {a2,a3}", not the bitmask "0 → 4"); the
 * rest as immer's patches of the raw data.
 */
export function nodeChanges(before: NodeSnapshot, after: NodeSnapshot): string[] {
  const fb = before.fields ?? {};
  const fa = after.fields ?? {};
  const a = before.state;
  const b = after.state;
  if ((Object.keys(fb).length === 0 && Object.keys(fa).length === 0) || !isObj(a) || !isObj(b)) return diffLines(a, b);
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
  const out: string[] = [];
  for (const k of keys) {
    if (k in fb || k in fa) {
      const old = fb[k] ?? formatData(a[k]);
      const now = fa[k] ?? formatData(b[k]);
      if (old !== now) out.push(`${k}: ${old} → ${now}`);
    } else {
      out.push(...diffLines(k in a ? { [k]: a[k] } : {}, k in b ? { [k]: b[k] } : {}));
    }
  }
  return out;
}
