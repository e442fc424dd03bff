/**
 * Rebuilds a trace from successor ordinals by replaying the search from the
 * initial world, this time with labels and decoded snapshots. Off the hot
 * path: runs once per counterexample.
 */
import type { Data } from '../model/contract.js';
import { FAULT_KINDS } from './settings.js';
import { Act, System } from './system.js';
import type { Action, MessageSnapshot, TraceStep, WorldSnapshot } from './trace.js';

export interface ReplayedStep {
  readonly world: Int32Array;
  readonly step: TraceStep;
}

export function messageSnapshot(sys: System, id: number): MessageSnapshot {
  const env = sys.messages.values[id];
  return { from: env.from, to: env.to, msg: env.msg as Data, text: sys.protocol.describeMessage(env.msg) };
}

/** The fields of a node state that the model describes (Protocol.describeField), if any. */
export function describedFields(sys: System, id: string, state: unknown): Record<string, string> | undefined {
  const describe = sys.protocol.describeField;
  if (describe === undefined || typeof state !== 'object' || state === null || Array.isArray(state)) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(state)) {
    const text = describe.call(sys.protocol, sys.config, id, k, state);
    if (typeof text === 'string') out[k] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function snapshot(sys: System, w: Int32Array): WorldSnapshot {
  const view = sys.view(w);
  const cuts: [string, string][] = [];
  for (let a = 0; a < sys.n; a++) for (let b = 0; b < sys.n; b++) if (a !== b && sys.isCut(w, a, b)) cuts.push([sys.nodes[a].id, sys.nodes[b].id]);
  const faultsUsed: Record<string, number> = {};
  FAULT_KINDS.forEach((k, i) => {
    if (sys.used(w, i) > 0) faultsUsed[k] = sys.used(w, i);
  });
  const messages: MessageSnapshot[] = [];
  for (let k = 0; k < sys.messageCount(w); k++) messages.push(messageSnapshot(sys, sys.message(w, k)));
  return {
    time: view.time,
    nodes: view.nodes.map((n) => {
      const fields = describedFields(sys, n.id, n.state);
      return {
        id: n.id,
        role: n.role,
        up: n.up,
        state: n.state as Data,
        summary: sys.protocol.describeState(sys.config, n.id, n.state),
        ...(fields === undefined ? {} : { fields }),
        clock: n.clock,
      };
    }),
    messages,
    cuts,
    faultsUsed,
    ...(sys.histSlot < 0 ? {} : { history: sys.historyOf(w) }),
  };
}

function describe(sys: System, w: Int32Array, next: Int32Array, act: Act, a: number, b: number): { action: Action; label: string } {
  const id = (i: number): string => sys.nodes[i].id;
  const msg = (): MessageSnapshot => messageSnapshot(sys, a);
  switch (act) {
    case Act.Local: {
      const label = sys.localLabel(w, a, b);
      return { action: { kind: 'local', node: id(a), label }, label: `${id(a)} ${label}` };
    }
    case Act.Deliver: {
      const m = msg();
      return { action: { kind: 'deliver', node: m.to, message: m }, label: `deliver ${m.text} ${m.from}→${m.to}` };
    }
    case Act.Drop: {
      const m = msg();
      return { action: { kind: 'drop', message: m }, label: `drop ${m.text} ${m.from}→${m.to}` };
    }
    case Act.Duplicate: {
      const m = msg();
      return { action: { kind: 'duplicate', message: m }, label: `duplicate ${m.text} ${m.from}→${m.to}` };
    }
    case Act.Crash:
      return { action: { kind: 'crash', node: id(a) }, label: `${id(a)} crashes` };
    case Act.Restart:
      return { action: { kind: 'restart', node: id(a) }, label: `${id(a)} restarts (disk kept)` };
    case Act.Amnesia:
      return { action: { kind: 'amnesia', node: id(a) }, label: `${id(a)} restarts with its disk lost` };
    case Act.Cut:
      return { action: { kind: 'cut', from: id(a), to: id(b) }, label: `cut ${id(a)}↛${id(b)}` };
    case Act.Heal:
      return { action: { kind: 'heal', from: id(a), to: id(b) }, label: `heal ${id(a)}→${id(b)}` };
    case Act.Tick:
      return { action: { kind: 'tick' }, label: `tick: global time ${next[0]}` };
    case Act.Clock:
      return { action: { kind: 'clock', node: id(a) }, label: `${id(a)}'s clock advances to ${sys.clockOf(next, a)}` };
  }
}

/**
 * Messages the acting node put on the network: those in `next` but not in
 * `w` (with multiplicity) that it sent. A message that appears from another
 * sender is the checker writing a waiting message in its canonical form
 * (Protocol.normalize), not a send.
 */
function sentBy(sys: System, w: Int32Array, next: Int32Array, act: Act, a: number): MessageSnapshot[] {
  if (act !== Act.Local && act !== Act.Deliver) return [];
  const actor = act === Act.Local ? sys.nodes[a].id : sys.messages.values[a].to;
  const before = new Map<number, number>();
  for (let k = 0; k < sys.messageCount(w); k++) before.set(sys.message(w, k), (before.get(sys.message(w, k)) ?? 0) + 1);
  const out: MessageSnapshot[] = [];
  for (let k = 0; k < sys.messageCount(next); k++) {
    const id = sys.message(next, k);
    const left = before.get(id) ?? 0;
    if (left > 0) before.set(id, left - 1);
    else if (sys.messages.values[id].from === actor) out.push(messageSnapshot(sys, id));
  }
  return out;
}

/** One labelled step of every successor of w, in enumeration order. */
export function labelledSuccessors(sys: System, w: Int32Array): ReplayedStep[] {
  const out: ReplayedStep[] = [];
  sys.expand(w, (next, act, a, b) => {
    const { action, label } = describe(sys, w, next, act, a, b);
    out.push({ world: next, step: { action, label, sent: sentBy(sys, w, next, act, a), world: snapshot(sys, next) } });
  });
  return out;
}

/** Replays successor ordinals from the initial world. */
export function replay(sys: System, path: readonly number[]): { initial: Int32Array; steps: ReplayedStep[] } {
  const initial = sys.initialWorld();
  let w = initial;
  const steps: ReplayedStep[] = [];
  for (const ordinal of path) {
    let chosen: ReplayedStep | undefined;
    let k = 0;
    sys.expand(w, (next, act, a, b) => {
      if (k++ !== ordinal) return;
      const { action, label } = describe(sys, w, next, act, a, b);
      chosen = { world: next, step: { action, label, sent: sentBy(sys, w, next, act, a), world: snapshot(sys, next) } };
    });
    if (chosen === undefined) throw new Error(`replay diverged: no successor #${ordinal}`);
    steps.push(chosen);
    w = chosen.world;
  }
  return { initial, steps };
}
