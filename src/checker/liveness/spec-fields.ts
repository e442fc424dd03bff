/**
 * The liveness fields of a spec: "fairness", "view" and "valence" (next to
 * "eventually", which the spec loader resolves to a predicate).
 *
 *   "eventually": "decided"          the predicate every fair run must reach
 *   "fairness": ["deliver", "local"] weakly fair steps (see fairness.ts); required
 *                                    with "eventually", [] for none
 *   "stable": true                   eventually always: P must hold for good from some
 *                                    point on (◇□P); a lasso whose loop visits a world
 *                                    where P fails violates it ("leader deposed again
 *                                    and again")
 *   "view": true                     fingerprint the model's view (Protocol.view)
 *   "valence": true                  FLP: look for a fair run that stays bivalent
 *                                    forever (needs Protocol.decided); the verdict is
 *                                    still about "eventually"
 */
import type { AnyProtocol, NodeId } from '../../model/contract.js';
import { FairnessError, parseFairness, type FairnessRule } from './fairness.js';
import type { LoadedSpec } from '../spec.js';

/** Fairness for valence analysis of a spec that states none: FLP's admissible runs. */
export const DEFAULT_VALENCE_FAIRNESS: readonly FairnessRule[] = [{ kind: 'deliver' }, { kind: 'local' }];

export function validateLivenessFields(
  raw: Readonly<Record<string, unknown>>,
  protocol: AnyProtocol,
  nodeIds: readonly NodeId[],
  fail: (field: string, problem: string) => never,
): void {
  const liveness = raw.eventually !== undefined;
  if (raw.stable !== undefined) {
    if (typeof raw.stable !== 'boolean') fail('stable', 'must be true or false');
    if (raw.stable && !liveness) fail('stable', 'needs "eventually": the predicate that must hold for good');
    if (raw.stable && raw.valence === true) fail('stable', 'valence analysis is about "eventually decided", not "eventually always"');
  }
  if (raw.valence !== undefined) {
    if (typeof raw.valence !== 'boolean') fail('valence', 'must be true or false');
    if (raw.valence === true && !liveness) fail('valence', 'needs "eventually": the predicate (e.g. "decided") a forever-bivalent run never reaches');
    if (raw.valence === true && protocol.decided === undefined) fail('valence', `${protocol.name} does not say which values a world has decided (Protocol.decided)`);
  }
  if (raw.fairness === undefined) {
    if (liveness) fail('fairness', 'required with "eventually": the steps a run may not neglect forever, e.g. ["deliver", "local"], or [] for none');
  } else {
    if (!liveness) fail('fairness', 'only used with "eventually"');
    try {
      parseFairness(raw.fairness, nodeIds);
    } catch (e) {
      if (e instanceof FairnessError) fail(e.field, e.message);
      throw e;
    }
  }
  if (raw.view !== undefined) {
    if (typeof raw.view !== 'boolean') fail('view', 'must be true or false');
    if (raw.view === true && protocol.view === undefined) fail('view', `${protocol.name} defines no view`);
    if (raw.view === true && !liveness) fail('view', 'only used with "eventually" (liveness checking)');
  }
}

export interface LivenessSettings {
  readonly fairness: readonly FairnessRule[];
  /** Whether the spec's own fairness was absent and the default was used. */
  readonly defaultFairness: boolean;
  readonly view: boolean;
  readonly valence: boolean;
  /** Eventually always (◇□P) rather than eventually (◇P). */
  readonly stable: boolean;
}

export function livenessSettings(spec: LoadedSpec, forceValence = false): LivenessSettings {
  const nodeIds = spec.protocol.nodes(spec.config).map((d) => d.id);
  const given = spec.raw.fairness !== undefined;
  return {
    fairness: given ? parseFairness(spec.raw.fairness, nodeIds) : DEFAULT_VALENCE_FAIRNESS,
    defaultFairness: !given,
    view: spec.raw.view === true,
    valence: forceValence || spec.raw.valence === true,
    stable: spec.raw.stable === true && !forceValence,
  };
}
