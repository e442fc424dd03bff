/**
 * The ghost history as the core consults it: steps that carry `invoke` or
 * `respond` become event ids, and (history, node, event) -> history is
 * memoised, so the hot path pays one table lookup per client step.
 */
import type { Data, GhostHistory, Step } from '../../model/contract.js';
import type { Pool } from '../intern.js';
import { TripleMap } from '../triple-map.js';
import { eventProblem, invoke, respond } from './ghost.js';

type GhostEvent = { readonly kind: 'invoke'; readonly command: Data } | { readonly kind: 'respond'; readonly output: Data };

export class GhostRecorder {
  private readonly events: GhostEvent[] = [];
  private readonly eventIds = new Map<string, number>();
  private readonly memo = new TripleMap(1 << 8);

  constructor(
    private readonly values: Pool<unknown>,
    private readonly nodeIds: readonly string[],
    private readonly protocol: string,
    /** Throws the core's model error (SystemError). */
    private readonly fail: (message: string) => never,
  ) {}

  /** The event a step carries, -1 for none. */
  eventOf(step: Step<unknown, unknown>, node: number, rule: string): number {
    const inv = step.invoke;
    const res = step.respond;
    if (inv === undefined && res === undefined) return -1;
    if (inv !== undefined && res !== undefined) this.fail(`${this.protocol}: ${this.nodeIds[node]}'s ${rule} both invokes and responds in one step`);
    const e: GhostEvent = inv !== undefined ? { kind: 'invoke', command: inv } : { kind: 'respond', output: res as Data };
    const key = JSON.stringify(e);
    let id = this.eventIds.get(key);
    if (id === undefined) {
      id = this.events.length;
      this.events.push(e);
      this.eventIds.set(key, id);
    }
    return id;
  }

  /** The history value id after node `node`'s event `event` in history `hist`. */
  after(hist: number, node: number, event: number): number {
    let next = this.memo.get(hist, node, event);
    if (next >= 0) return next;
    const h = this.values.values[hist] as GhostHistory;
    const e = this.events[event];
    const client = this.nodeIds[node];
    const problem = eventProblem(h, client, e.kind);
    if (problem !== null) this.fail(`${this.protocol}: ${problem}`);
    next = this.values.intern(e.kind === 'invoke' ? invoke(h, client, e.command) : respond(h, client, e.output), 'H');
    this.memo.set(hist, node, event, next);
    return next;
  }
}
