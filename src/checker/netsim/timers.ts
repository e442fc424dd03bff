/**
 * Timer arming: a node's timer runs while some enabled step names it, with
 * a delay drawn from the spec's distribution for it (scaled by the node's
 * clock rate); a delivery may restart it (Protocol.restarts), and firing
 * re-arms it while a step still waits for it. The client timer is not
 * armed: client requests drive those steps.
 */
import type { AnyProtocol, LocalStep } from '../../model/contract.js';
import { SpecError } from '../spec.js';
import { sample, type Distribution } from './distribution.js';
import type { EventHeap } from './heap.js';
import type { Rng } from './prng.js';
import type { NetsimSettings } from './settings.js';
import type { NodeRt, SimEvent, TimerRt } from './types.js';

export interface TimerContext {
  readonly p: AnyProtocol;
  readonly config: unknown;
  readonly settings: NetsimSettings;
  /** The spec file, for the error when a timer has no distribution. */
  readonly file: string;
  readonly rng: Rng;
  readonly heap: EventHeap<SimEvent>;
  readonly now: number;
  clock(n: NodeRt): number;
}

/** Arms the timers the node's enabled steps wait for, disarms the rest; refreshes its observation. */
export function rearmTimers(c: TimerContext, n: NodeRt, restarts: readonly string[], fired: string | null): void {
  n.obs = c.p.observe?.(c.config, n.id, n.state) ?? {};
  if (!n.up) return;
  const steps = c.p.local(c.config, n.id, n.state, c.clock(n));
  const clientTimer = c.settings.clients?.timer;
  n.clientStep = null;
  const names = new Set<string>();
  for (const s of steps) {
    const name = s.timer ?? 'default';
    if (name === clientTimer) {
      if (n.clientStep === null) n.clientStep = s;
    } else if (!names.has(name)) {
      names.add(name);
      let t = n.timers.get(name);
      if (t === undefined) n.timers.set(name, (t = { gen: 0, armed: false, attempt: 0 }));
      if (!t.armed || restarts.includes(name) || fired === name) arm(c, n, name, t, s);
    }
  }
  for (const [name, t] of n.timers) {
    if (names.has(name)) continue;
    if (t.armed) {
      t.armed = false;
      t.gen++;
    }
    t.attempt = 0;
  }
}

/** A crashed node's timers stop. */
export function disarmAll(n: NodeRt): void {
  for (const t of n.timers.values()) {
    t.armed = false;
    t.gen++;
    t.attempt = 0;
  }
}

function arm(c: TimerContext, n: NodeRt, name: string, t: TimerRt, s: LocalStep<unknown, unknown>): void {
  const d: Distribution | undefined = c.settings.timers[name] ?? c.settings.timers.default;
  if (d === undefined) {
    throw new SpecError(c.file, 'netsim.timers', `${n.id}'s step "${s.label}" waits for timer "${name}", which has no distribution: add "${name}" (or "default")`);
  }
  t.gen++;
  t.armed = true;
  c.heap.push({ time: c.now + sample(d, c.rng, t.attempt) / n.rate, rank: 2, seq: 0, kind: 'timer', node: n.index, name, gen: t.gen });
}
