/**
 * Delay distributions, in milliseconds, as a spec or network file writes
 * them:
 *
 *   {"constant": 5}
 *   {"uniform": [150, 300]}
 *   {"lognormal": {"median": 70, "sigma": 0.1}}     optional "min": a floor added below it
 *   {"exponential": 100}                            mean 100 (Poisson arrivals)
 *   {"backoff": {"initial": 10, "factor": 2, "max": 2000, "jitter": "full"}}   timers only
 *
 * A backoff draws from the n-th consecutive firing of its timer: the
 * ceiling is initial·factor^n up to max, and "full" jitter draws uniformly
 * below the ceiling, "equal" from half of it up, "none" takes it (AWS
 * Architecture Blog, "Exponential Backoff and Jitter", 2015).
 */
import type { Rng } from './prng.js';

export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number; readonly min: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'backoff'; readonly initial: number; readonly factor: number; readonly max: number; readonly jitter: 'none' | 'full' | 'equal' };

export type Fail = (field: string, problem: string) => never;

const KINDS = ['constant', 'uniform', 'lognormal', 'exponential', 'backoff'];

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function num(field: string, v: unknown, fail: Fail, min = 0): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) fail(field, `must be a number ≥ ${min} (got ${show(v)})`);
  return v as number;
}

function fields(field: string, v: unknown, known: readonly string[], fail: Fail): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, `must be an object with ${known.join(', ')} (got ${show(v)})`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`${field}.${k}`, `unknown field (known: ${known.join(', ')})`);
  return o;
}

/** Parses one distribution; `timer` allows backoff, which only timers can use. */
export function parseDistribution(field: string, raw: unknown, fail: Fail, timer = false): Distribution {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length !== 1) {
    return fail(field, `must be one of {"constant": ms}, {"uniform": [lo, hi]}, {"lognormal": {"median", "sigma"}}, {"exponential": mean}${timer ? ', {"backoff": {...}}' : ''} (got ${show(raw)})`);
  }
  const [kind, v] = Object.entries(raw as Record<string, unknown>)[0];
  const at = `${field}.${kind}`;
  switch (kind) {
    case 'constant':
      return { kind, value: num(at, v, fail) };
    case 'uniform': {
      if (!Array.isArray(v) || v.length !== 2) return fail(at, `must be [lo, hi] (got ${show(v)})`);
      const lo = num(`${at}[0]`, v[0], fail);
      const hi = num(`${at}[1]`, v[1], fail);
      if (hi < lo) fail(at, `hi must be ≥ lo (got ${show(v)})`);
      return { kind, lo, hi };
    }
    case 'lognormal': {
      const o = fields(at, v, ['median', 'sigma', 'min'], fail);
      const median = num(`${at}.median`, o.median, fail);
      if (!(median > 0)) fail(`${at}.median`, 'must be > 0');
      return { kind, median, sigma: num(`${at}.sigma`, o.sigma, fail), min: o.min === undefined ? 0 : num(`${at}.min`, o.min, fail) };
    }
    case 'exponential': {
      const mean = num(at, v, fail);
      if (!(mean > 0)) fail(at, 'the mean must be > 0');
      return { kind, mean };
    }
    case 'backoff': {
      if (!timer) return fail(at, 'backoff is for timers, not links');
      const o = fields(at, v, ['initial', 'factor', 'max', 'jitter'], fail);
      const jitter = o.jitter ?? 'full';
      if (jitter !== 'none' && jitter !== 'full' && jitter !== 'equal') fail(`${at}.jitter`, `must be "none", "full" or "equal" (got ${show(jitter)})`);
      const initial = num(`${at}.initial`, o.initial, fail);
      const max = o.max === undefined ? Number.MAX_SAFE_INTEGER : num(`${at}.max`, o.max, fail);
      if (max < initial) fail(`${at}.max`, 'must be ≥ initial');
      return { kind, initial, factor: o.factor === undefined ? 2 : num(`${at}.factor`, o.factor, fail, 1), max, jitter: jitter as 'none' | 'full' | 'equal' };
    }
    default:
      return fail(field, `unknown distribution "${kind}" (known: ${KINDS.join(', ')})`);
  }
}

/** One draw; `attempt` is the consecutive firing a backoff is at (0 first). */
export function sample(d: Distribution, rng: Rng, attempt = 0): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return d.lo + (d.hi - d.lo) * rng.next();
    case 'lognormal':
      return d.min + d.median * Math.exp(d.sigma * rng.normal());
    case 'exponential': {
      let u = rng.next();
      while (u === 0) u = rng.next();
      return -d.mean * Math.log(u);
    }
    case 'backoff': {
      const ceiling = Math.min(d.max, d.initial * d.factor ** Math.min(attempt, 60));
      if (d.jitter === 'none') return ceiling;
      if (d.jitter === 'equal') return ceiling / 2 + (ceiling / 2) * rng.next();
      return ceiling * rng.next();
    }
  }
}

/** One phrase for reports: "uniform 150-300 ms". */
export function describeDistribution(d: Distribution): string {
  switch (d.kind) {
    case 'constant':
      return `${d.value} ms`;
    case 'uniform':
      return `uniform ${d.lo}-${d.hi} ms`;
    case 'lognormal':
      return `log-normal median ${d.min + d.median} ms σ=${d.sigma}`;
    case 'exponential':
      return `exponential mean ${d.mean} ms`;
    case 'backoff':
      return `backoff ${d.initial}×${d.factor}^n ≤ ${d.max} ms, ${d.jitter} jitter`;
  }
}
