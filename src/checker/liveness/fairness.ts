/**
 * Weak fairness for liveness checking: which steps a run may not neglect
 * forever. A spec's "fairness" is a list of rules:
 *
 *   "deliver"                      every message in flight to an up node over an
 *                                  uncut link is one class: delivered eventually
 *                                  unless it stops being deliverable
 *   "local"                        every node is one class: a node that keeps
 *                                  having some local step enabled takes one
 *   {"deliver": "<regex>"}         as "deliver", only for messages whose text
 *                                  (Protocol.describeMessage) matches
 *   {"local": "<regex>"}           as "local", only for steps whose label matches;
 *                                  one class per node and rule
 *   {"slow": "<regex>"}            a timing assumption, not a fairness class: local
 *                                  steps whose label matches (election timers) happen
 *                                  only while no delivery would change the world, i.e.
 *                                  messages travel faster than those timers fire
 *   any object may add "nodes": ["n1", ...]: only messages to / steps of those nodes,
 *   and a "deliver" or "local" object "strong": true: strongly fair, taken again and
 *   again if enabled again and again (for steps that a timing rule or other steps
 *   keep disabling now and then, such as slow election timers)
 *
 * A class is weakly fair: a run may not have it enabled continuously from
 * some point on without taking it again and again. Runs may stutter (stay
 * in a world forever) when no fair class is enabled there. Faults and time
 * steps are never fair: a run need not crash, cut or tick.
 */
import type { NodeId } from '../../model/contract.js';

export interface FairnessRule {
  readonly kind: 'deliver' | 'local' | 'slow';
  /** Matched against the message text or the step label; absent: every one. */
  readonly pattern?: RegExp;
  /** Only messages to / steps of these nodes; absent: every node. */
  readonly nodes?: readonly NodeId[];
  /** Strong fairness: taken infinitely often if enabled infinitely often. */
  readonly strong?: boolean;
}

export class FairnessError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FairnessError';
  }
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a spec's "fairness" list; errors name the field (fairness[2].local). */
export function parseFairness(raw: unknown, nodeIds: readonly NodeId[]): FairnessRule[] {
  if (!Array.isArray(raw)) throw new FairnessError('fairness', 'must be a list of rules: "deliver", "local", {"deliver": "<regex>"}, {"local": "<regex>"}');
  return raw.map((r, i): FairnessRule => {
    const field = `fairness[${i}]`;
    if (r === 'deliver' || r === 'local') return { kind: r };
    if (!isObj(r)) throw new FairnessError(field, `must be "deliver", "local" or an object {"deliver"|"local": "<regex>", "nodes"?: [...]} (got ${JSON.stringify(r)})`);
    const kinds = (['deliver', 'local', 'slow'] as const).filter((k) => r[k] !== undefined);
    if (kinds.length !== 1) throw new FairnessError(field, 'needs exactly one of "deliver", "local" or "slow"');
    for (const k of Object.keys(r)) {
      if (k !== kinds[0] && k !== 'nodes' && k !== 'strong') throw new FairnessError(`${field}.${k}`, 'unknown field (known: deliver, local, slow, nodes, strong)');
    }
    if (r.strong !== undefined && (typeof r.strong !== 'boolean' || kinds[0] === 'slow')) {
      throw new FairnessError(`${field}.strong`, kinds[0] === 'slow' ? '"slow" is a timing rule, not a fairness class' : 'must be true or false');
    }
    const strong = r.strong === true ? { strong: true } : {};
    const kind = kinds[0];
    const source = r[kind];
    if (typeof source !== 'string') throw new FairnessError(`${field}.${kind}`, 'must be a regular expression (a string)');
    let pattern: RegExp;
    try {
      pattern = new RegExp(source);
    } catch (e) {
      throw new FairnessError(`${field}.${kind}`, `not a valid regular expression (${(e as Error).message})`);
    }
    if (r.nodes === undefined) return { kind, pattern, ...strong };
    if (!Array.isArray(r.nodes) || !r.nodes.every((n) => typeof n === 'string')) throw new FairnessError(`${field}.nodes`, 'must be a list of node ids');
    const nodes = r.nodes as string[];
    for (const n of nodes) if (!nodeIds.includes(n)) throw new FairnessError(`${field}.nodes`, `unknown node "${n}" (nodes: ${nodeIds.join(', ')})`);
    return { kind, pattern, nodes, ...strong };
  });
}

export function describeRule(r: FairnessRule): string {
  if (r.kind === 'slow') return `slower than any message: local steps labelled /${r.pattern?.source ?? ''}/${r.nodes === undefined ? '' : ` (of ${r.nodes.join(', ')})`}, which happen only when no delivery would change the world`;
  const what = r.kind === 'deliver' ? 'delivery of each message' : 'local steps of each node';
  const match = r.pattern === undefined ? '' : r.kind === 'deliver' ? ` matching /${r.pattern.source}/` : ` labelled /${r.pattern.source}/`;
  const nodes = r.nodes === undefined ? '' : ` (${r.kind === 'deliver' ? 'to' : 'of'} ${r.nodes.join(', ')})`;
  return `${what}${match}${nodes}${r.strong === true ? ' (strongly fair)' : ''}`;
}

export function describeFairness(rules: readonly FairnessRule[]): string {
  const fair = rules.filter((r) => r.kind !== 'slow');
  const slow = rules.filter((r) => r.kind === 'slow');
  const text = fair.length === 0 ? 'no fairness: a run may stop anywhere' : `weakly fair: ${fair.map(describeRule).join('; ')}`;
  return slow.length === 0 ? text : `${text}; timing: ${slow.map(describeRule).join('; ')}`;
}

/** Whether a local step of `node` labelled `label` is slow (waits for a quiet network). */
export function slowLocal(rules: readonly FairnessRule[], node: NodeId, label: string): boolean {
  return rules.some((r) => r.kind === 'slow' && (r.nodes === undefined || r.nodes.includes(node)) && r.pattern !== undefined && r.pattern.test(label));
}

/** How a delivery of a message with this text to `to` is fair: not at all, weakly, or strongly (under some rule). */
export function fairDelivery(rules: readonly FairnessRule[], to: NodeId, text: () => string): 'no' | 'weak' | 'strong' {
  let out: 'no' | 'weak' | 'strong' = 'no';
  for (const r of rules) {
    if (r.kind !== 'deliver' || (r.nodes !== undefined && !r.nodes.includes(to))) continue;
    if (r.pattern === undefined || r.pattern.test(text())) out = r.strong === true ? 'strong' : out === 'strong' ? out : 'weak';
  }
  return out;
}

/** Indexes of the local rules a step of `node` labelled `label` falls under. */
export function fairLocalRules(rules: readonly FairnessRule[], node: NodeId, label: string): number[] {
  const out: number[] = [];
  rules.forEach((r, i) => {
    if (r.kind !== 'local' || (r.nodes !== undefined && !r.nodes.includes(node))) return;
    if (r.pattern === undefined || r.pattern.test(label)) out.push(i);
  });
  return out;
}
