/**
 * The messages of Lamport's Paxos.tla (tlaplus/Examples,
 * specifications/Paxos/Paxos.tla) and what both mirrors share: the
 * constants of the model SPIN and TLC were run with (Acceptor =
 * {a1,a2,a3}, Value = {v1,v2}, Quorum = the three pairs, Ballot =
 * 0..ballots-1), a canonical order for a set of messages, and the
 * agreement invariant, which reads only 2b messages.
 */
import { ModelConfigError, type ParamValues, type Violation } from '../../src/index.js';

export const ACCEPTORS = ['a1', 'a2', 'a3'] as const;
export const VALUES = ['v1', 'v2'] as const;
export const QUORUMS: readonly (readonly string[])[] = [
  ['a1', 'a2'],
  ['a1', 'a3'],
  ['a2', 'a3'],
];

export type Value = (typeof VALUES)[number];

export type Msg =
  | { readonly type: '1a'; readonly bal: number }
  | { readonly type: '1b'; readonly acc: string; readonly bal: number; readonly mbal: number; readonly mval: Value | null }
  | { readonly type: '2a'; readonly bal: number; readonly val: Value }
  | { readonly type: '2b'; readonly acc: string; readonly bal: number; readonly val: Value };

export interface Config {
  readonly ballots: number;
  readonly bugs: {
    /** Phase2b accepts a 2a without checking m.bal >= maxBal[a]. */
    readonly noMaxBalCheck: boolean;
    /** Phase2a ignores the votes reported in 1b messages. */
    readonly ignore1bValues: boolean;
  };
}

export const BUGS = [
  {
    name: 'noMaxBalCheck',
    description: 'Phase2b accepts a 2a message without checking m.bal >= maxBal[a]',
    reproduces: 'an acceptor that votes in a ballot lower than one it promised (a promise not kept)',
  },
  {
    name: 'ignore1bValues',
    description: 'Phase2a proposes any value once a quorum answered, ignoring the votes their 1b messages report',
    reproduces: 'a leader that skips the value-selection rule of phase 2a (proposes its own value over a possibly chosen one)',
  },
] as const;

export const BALLOTS_PARAM = { name: 'ballots', description: 'ballots 0..ballots-1', type: 'int', default: 2, min: 1, max: 4 } as const;

export function configure(params: ParamValues, bugs: readonly string[]): Config {
  const ballots = params.ballots;
  if (typeof ballots !== 'number' || !Number.isInteger(ballots) || ballots < 1 || ballots > 4) throw new ModelConfigError('ballots', 'ballots must be an integer from 1 to 4');
  return { ballots, bugs: { noMaxBalCheck: bugs.includes('noMaxBalCheck'), ignore1bValues: bugs.includes('ignore1bValues') } };
}

const TYPE_ORDER = { '1a': 0, '1b': 1, '2a': 2, '2b': 3 } as const;

/** A total order on messages, so that a set of messages has one canonical list. */
export function compareMsgs(x: Msg, y: Msg): number {
  if (x.type !== y.type) return TYPE_ORDER[x.type] - TYPE_ORDER[y.type];
  if (x.bal !== y.bal) return x.bal - y.bal;
  const ax = 'acc' in x ? x.acc : '';
  const ay = 'acc' in y ? y.acc : '';
  if (ax !== ay) return ax < ay ? -1 : 1;
  if (x.type === '1b' && y.type === '1b' && x.mbal !== y.mbal) return x.mbal - y.mbal;
  const vx = x.type === '1b' ? x.mval : x.type === '1a' ? null : x.val;
  const vy = y.type === '1b' ? y.mval : y.type === '1a' ? null : y.val;
  if (vx === vy) return 0;
  return vx === null ? -1 : vy === null ? 1 : vx < vy ? -1 : 1;
}

/** msgs ∪ {m} as a canonical list: msgs itself when m is already in it (TLA+'s Send of a sent message changes nothing). */
export function withMsg(msgs: readonly Msg[], m: Msg): readonly Msg[] {
  let k = 0;
  while (k < msgs.length && compareMsgs(msgs[k], m) < 0) k++;
  if (k < msgs.length && compareMsgs(msgs[k], m) === 0) return msgs;
  return [...msgs.slice(0, k), m, ...msgs.slice(k)];
}

/** chosen(b, v): a quorum sent 2b for (b, v). The values chosen at any ballot, each with its witness. */
export function chosen(twoBs: readonly { readonly acc: string; readonly bal: number; readonly val: Value }[]): Map<Value, string> {
  const out = new Map<Value, string>();
  for (const m of twoBs) {
    if (out.has(m.val)) continue;
    for (const q of QUORUMS) {
      if (q.every((a) => twoBs.some((n) => n.acc === a && n.bal === m.bal && n.val === m.val))) {
        out.set(m.val, `${m.val} chosen by {${q.join(',')}} at ballot ${m.bal}`);
        break;
      }
    }
  }
  return out;
}

/** Paxos.tla's Consistency: no two different values are chosen. */
export function agreement(twoBs: readonly { readonly acc: string; readonly bal: number; readonly val: Value }[]): Violation | null {
  const c = chosen(twoBs);
  return c.size <= 1 ? null : { message: 'two different values are chosen', witnesses: [...c.values()] };
}

/**
 * The value rule of Phase2a for ballot b, given the 1b messages of ballot b
 * a leader may use: v may be proposed when some quorum sent 1b messages
 * and either none of them reports a vote, or the highest vote reported is
 * for v.
 */
export function mayPropose(config: Config, oneBs: readonly Msg[], v: Value): boolean {
  return QUORUMS.some((q) => {
    const q1b = oneBs.filter((m): m is Extract<Msg, { type: '1b' }> => m.type === '1b' && q.includes(m.acc));
    if (!q.every((a) => q1b.some((m) => m.acc === a))) return false;
    if (config.bugs.ignore1bValues) return true;
    const q1bv = q1b.filter((m) => m.mbal >= 0);
    return q1bv.length === 0 || q1bv.some((m) => m.mval === v && q1bv.every((mm) => m.mbal >= mm.mbal));
  });
}

export function describeMsg(m: Msg): string {
  switch (m.type) {
    case '1a':
      return `1a(b=${m.bal})`;
    case '1b':
      return `1b(${m.acc}, b=${m.bal}, vote=${m.mbal < 0 ? 'none' : `(${m.mbal},${m.mval ?? 'None'})`})`;
    case '2a':
      return `2a(b=${m.bal}, ${m.val})`;
    case '2b':
      return `2b(${m.acc}, b=${m.bal}, ${m.val})`;
  }
}
