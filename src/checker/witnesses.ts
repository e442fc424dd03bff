/**
 * Reachability witnesses (vacuity checks): predicates a spec says must hold
 * in some reachable world ("reachable": ["decided"]). A search that passes
 * every invariant without ever reaching one of them proves nothing about
 * the runs that matter, so its pass is reported as vacuous and not as
 * expected. Each witness is evaluated on every new world until it first
 * holds; after that it costs nothing.
 */
import type { Predicate, WorldView } from '../model/contract.js';

/** The witnesses a pass never reached, when there are any: then the pass is vacuous. */
export function vacuity(verdict: string, unreached: readonly string[] | undefined): readonly string[] | undefined {
  return verdict === 'pass' && unreached !== undefined && unreached.length > 0 ? unreached : undefined;
}

export function vacuousMessage(unreached: readonly string[]): string {
  return `vacuous: no reachable world satisfies the witness${unreached.length > 1 ? 'es' : ''} ${unreached.join(', ')}`;
}

/** The result field naming a spec's witnesses (none: no field). */
export function witnessNames(spec: { readonly reachable?: readonly Predicate<unknown, unknown, unknown>[] }): { witnesses?: readonly string[] } {
  return spec.reachable === undefined || spec.reachable.length === 0 ? {} : { witnesses: spec.reachable.map((p) => p.name) };
}

export class Witnesses {
  private readonly reached: boolean[];
  private left: number;

  constructor(
    private readonly config: unknown,
    readonly predicates: readonly Predicate<unknown, unknown, unknown>[],
  ) {
    this.reached = predicates.map(() => false);
    this.left = predicates.length;
  }

  /** Whether some witness is still unreached (then worlds should be shown to see()). */
  get pending(): boolean {
    return this.left > 0;
  }

  /** Evaluates the unreached witnesses on one reachable world (view() is called only if some are left). */
  see(view: () => WorldView<unknown, unknown>): void {
    if (this.left === 0) return;
    const v = view();
    for (let k = 0; k < this.predicates.length; k++) {
      if (this.reached[k] || !this.predicates[k].holds(this.config, v)) continue;
      this.reached[k] = true;
      this.left--;
    }
  }

  /** Reached witnesses as bits (worker threads report them this way). */
  get mask(): number {
    let m = 0;
    this.reached.forEach((r, k) => {
      if (r) m |= 1 << k;
    });
    return m;
  }

  /** Marks the witnesses another thread reached. */
  merge(mask: number): void {
    this.reached.forEach((r, k) => {
      if (!r && ((mask >>> k) & 1) === 1) {
        this.reached[k] = true;
        this.left--;
      }
    });
  }

  unreached(): string[] {
    return this.predicates.filter((_, k) => !this.reached[k]).map((p) => p.name);
  }
}

/** At most this many witnesses per spec: worker threads report them as bits of one stat slot. */
export const MAX_WITNESSES = 30;
