/**
 * Valence for the explorer (FLP): the decision values still reachable from
 * any world the user reaches, from one exploration of the spec's whole
 * space (the same state graph and labelling as `synod check --valence`),
 * looked up by the world's fingerprint.
 */
import type { WorldView } from '../../model/contract.js';
import { explore } from '../liveness/graph.js';
import { WorldKeys } from '../liveness/keys.js';
import { labelValence, valenceName, ValueBits } from '../liveness/valence.js';
import type { LoadedSpec } from '../spec.js';
import type { System } from '../system.js';

/** Past this many undecided worlds the explorer shows no valence rather than a guess. */
const MAX_STATES = 300_000;

export interface ValenceMap {
  readonly values: readonly string[];
  /** "v1-valent", "bivalent {v1, v2}", "decided v1"; undefined for a world outside the explored space. */
  of(world: Int32Array): string | undefined;
  /** Why no labels are given, when the space was too large. */
  readonly incomplete?: string;
}

export function valenceMap(spec: LoadedSpec, sys: System): ValenceMap | null {
  const decidedIn = spec.protocol.decided;
  if (decidedIn === undefined) return null;
  const bits = new ValueBits();
  const decided = (v: WorldView<unknown, unknown>): readonly string[] => decidedIn.call(spec.protocol, spec.config, v);
  const g = explore(sys, {
    keys: new WorldKeys(sys, false),
    fairness: [],
    keep: (v) => decided(v).length === 0,
    invariants: [],
    limits: { ...spec.limits, maxStates: Math.min(spec.limits.maxStates, MAX_STATES), timeLimit: Math.min(spec.limits.timeLimit, 120) },
    exitMark: (v) => bits.mask(decided(v)),
  });
  const labels = labelValence(g, bits.values);
  if (!labels.complete) return { values: bits.values, of: () => undefined, incomplete: `the space has more than ${g.size.toLocaleString('en-US')} undecided worlds` };
  const index = new Map<string, number>();
  for (let i = 0; i < g.size; i++) index.set(`${g.fpHi[i]},${g.fpLo[i]}`, i);
  return {
    values: bits.values,
    of(world) {
      sys.fingerprint(world);
      const i = index.get(`${sys.fpHi >>> 0},${sys.fpLo >>> 0}`);
      if (i !== undefined) return valenceName(labels, labels.reachable[i]);
      const d = decided(sys.view(world));
      return d.length > 0 ? `decided ${d.join(', ')}` : undefined;
    },
  };
}
