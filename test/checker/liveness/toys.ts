/** Tiny protocols for liveness tests, whose state graphs can be drawn by hand. */
import type { AnyProtocol, Predicate, Protocol } from '../../../src/model/contract.js';
import { validateSpec, type LoadedSpec } from '../../../src/checker/spec.js';

const base = {
  summary: 'toy',
  params: [],
  bugs: [],
  usesTime: false,
  invariants: [],
  configure: () => null,
  persisted: <S>(_c: null, s: S): S => s,
  recover: <S>(_c: null, _self: string, p: S): S => p,
};

/**
 * One node: states 0 and 1 joined by "spin" steps both ways; "finish" leads
 * from both to 2, where `done` holds. Graph: 0 ⇄ 1, 0 → 2, 1 → 2.
 */
export const spinner: Protocol<null, number, never, number> = {
  ...base,
  name: 'spinner',
  predicates: [{ name: 'done', description: 'the node reached 2', holds: (_c, w) => w.nodes[0].state === 2 }],
  nodes: () => [{ id: 'n', role: 'node' }],
  init: () => 0,
  handle: (_c, _self, s) => ({ state: s, send: [] }),
  local: (_c, _self, s) =>
    s === 2
      ? []
      : [
          { label: 'spins', state: 1 - s, send: [] },
          { label: 'finishes', state: 2, send: [] },
        ],
  describeMessage: () => '',
  describeState: (_c, _self, s) => String(s),
};

/**
 * Sender a may send one message to b (local "sends") and toggles a bit
 * forever (local "toggles"); b is done once the message arrives.
 */
export interface SenderState {
  readonly sent: boolean;
  readonly bit: number;
}
export type ReceiverState = { readonly done: boolean };
type MailState = SenderState | ReceiverState;

export const mail: Protocol<null, MailState, 'hello', MailState> = {
  ...base,
  name: 'mail',
  predicates: [{ name: 'delivered', description: 'b got the message', holds: (_c, w) => w.nodes.some((n) => 'done' in n.state && n.state.done) }],
  nodes: () => [
    { id: 'a', role: 'sender' },
    { id: 'b', role: 'receiver' },
  ],
  init: (_c, self) => (self === 'a' ? { sent: false, bit: 0 } : { done: false }),
  handle: (_c, _self, s) => ('done' in s ? (s.done ? { state: s, send: [] } : { state: { done: true }, send: [] }) : { state: s, send: [] }),
  local: (_c, self, s) => {
    if (self !== 'a' || !('sent' in s)) return [];
    const toggle = { label: 'toggles', state: { ...s, bit: 1 - s.bit }, send: [] };
    if (s.sent) return [toggle];
    return [toggle, { label: 'sends', state: { ...s, sent: true }, send: [{ to: 'b', msg: 'hello' as const }] }];
  },
  describeMessage: (m) => m,
  describeState: (_c, _self, s) => JSON.stringify(s),
};

/**
 * A counter that climbs by "inc" up to its bound `max` (a config value) and
 * may "win" only at the bound. With the bound, every fair run wins; without
 * it (the view shifts the counter to 0) climbing forever is a cycle.
 */
export interface ClimbConfig {
  readonly max: number;
}

export const climber: Protocol<ClimbConfig, number, never, number> = {
  ...base,
  configure: () => ({ max: 3 }),
  persisted: (_c, s) => s,
  recover: (_c, _self, p) => p,
  name: 'climber',
  predicates: [{ name: 'won', description: 'the counter won', holds: (_c, w) => w.nodes[0].state < 0 }],
  nodes: () => [{ id: 'n', role: 'node' }],
  init: () => 0,
  handle: (_c, _self, s) => ({ state: s, send: [] }),
  local: (c, _self, s) => {
    if (s < 0) return [];
    if (s < c.max) return [{ label: `climbs to ${s + 1}`, state: s + 1, send: [] }];
    return [{ label: 'wins', state: -1, send: [] }];
  },
  describeMessage: () => '',
  describeState: (_c, _self, s) => String(s),
  view: {
    description: 'the counter shifted to 0',
    offset: (_c, w) => Math.max(0, w.nodes[0].state),
    shiftState: (_c, s, by) => (s < 0 ? s : s - by),
    shiftMessage: (_c, m) => m,
    raiseBounds: (c, by) => ({ max: c.max + by }),
  },
};

/**
 * FLP in miniature: from x a node may decide v1 or v2, or "dither" to y and
 * back forever; from y it may decide v1 or lock in v1 (z, undecided but
 * v1-valent). Valence: x and y bivalent, z v1-valent.
 */
export const chooser: Protocol<null, string, never, string> = {
  ...base,
  name: 'chooser',
  predicates: [{ name: 'decided', description: 'a value is decided', holds: (_c, w) => w.nodes[0].state.startsWith('v') }],
  nodes: () => [{ id: 'n', role: 'node' }],
  init: () => 'x',
  handle: (_c, _self, s) => ({ state: s, send: [] }),
  local: (_c, _self, s) =>
    s.startsWith('v')
      ? []
      : [
          ...(s === 'z' ? [] : [{ label: 'dithers', state: s === 'x' ? 'y' : 'x', send: [] }]),
          { label: 'decides v1', state: 'v1', send: [] },
          ...(s === 'x' ? [{ label: 'decides v2', state: 'v2', send: [] }] : []),
          ...(s === 'y' ? [{ label: 'locks v1', state: 'z', send: [] }] : []),
        ],
  describeMessage: () => '',
  describeState: (_c, _self, s) => s,
  decided: (_c, w) => (w.nodes[0].state.startsWith('v') ? [w.nodes[0].state] : []),
};

export function liveSpec(protocol: unknown, fields: Record<string, unknown>): LoadedSpec {
  const p = protocol as AnyProtocol;
  const pred = (p.predicates[0] as Predicate<unknown, unknown, unknown>).name;
  return validateSpec(`spec/toy/${p.name}.json`, { protocol: p.name, properties: [], eventually: pred, expect: 'pass', ...fields }, (name) =>
    name === p.name ? p : undefined,
  );
}

/**
 * A light that flips on and off; from on it may also settle on for good.
 * `on` holds in states 1 and 2. Graph: 0 ⇄ 1 → 2.
 */
export const blinker: Protocol<null, number, never, number> = {
  ...base,
  name: 'blinker',
  predicates: [{ name: 'on', description: 'the light is on', holds: (_c, w) => w.nodes[0].state >= 1 }],
  nodes: () => [{ id: 'n', role: 'node' }],
  init: () => 0,
  handle: (_c, _self, s) => ({ state: s, send: [] }),
  local: (_c, _self, s) =>
    s === 2
      ? []
      : [{ label: 'flips', state: 1 - s, send: [] }, ...(s === 1 ? [{ label: 'settles', state: 2, send: [] }] : [])],
  describeMessage: () => '',
  describeState: (_c, _self, s) => String(s),
};

/**
 * n spins up (0 → 1) sending a tick to m; m answers with a tock, which spins
 * n down (1 → 0). n may finish (→ 2) at any time. With "finishes" slow,
 * finishing waits for a quiet network, which it is only in state 0: along
 * the spin cycle finishing is enabled only now and then.
 */
export const ticker: Protocol<null, number, 'tick' | 'tock', number> = {
  ...base,
  name: 'ticker',
  predicates: [{ name: 'finished', description: 'n finished', holds: (_c, w) => w.nodes[0].state === 2 }],
  nodes: () => [
    { id: 'n', role: 'node' },
    { id: 'm', role: 'node' },
  ],
  init: () => 0,
  handle: (_c, self, s, msg) => {
    if (self === 'm') return { state: s, send: msg === 'tick' ? [{ to: 'n', msg: 'tock' as const }] : [] };
    return { state: s === 1 && msg === 'tock' ? 0 : s, send: [] };
  },
  local: (_c, self, s) => {
    if (self !== 'n' || s === 2) return [];
    return [...(s === 0 ? [{ label: 'spins up', state: 1, send: [{ to: 'm', msg: 'tick' as const }] }] : []), { label: 'finishes', state: 2, send: [] }];
  },
  describeMessage: (m) => m,
  describeState: (_c, _self, s) => String(s),
};
