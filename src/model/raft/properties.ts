/**
 * The five safety properties of Figure 3, each judged on a single world.
 *
 * "Leader" means an up server whose role is leader now: a leader that
 * stepped down, or crashed (its view is what it recovers to, a follower),
 * no longer counts. "Committed" means what a server itself knows: its log up
 * to its commitIndex. A server learns of commitment only from a leader of a
 * term ≤ its current term (or commits as that leader), so its committed
 * entries were committed in some term ≤ its term: leaderCompleteness holds
 * every leader of a strictly higher term to them, which can miss a late
 * violation but never raises a false one.
 */
import type { Invariant, NodeView, Predicate, Violation, WorldView } from '../contract.js';
import { entryText, sameEntry } from './log.js';
import type { Entry, RaftConfig, RaftMessage, RaftState } from './types.js';

type View = WorldView<RaftState, RaftMessage>;
type Node = NodeView<RaftState>;

function committed(s: RaftState): readonly Entry[] {
  return s.commit >= s.log.length ? s.log : s.log.slice(0, s.commit);
}

function leaders(world: View): Node[] {
  return world.nodes.filter((n) => n.up && n.state.role === 'leader');
}

export const electionSafety: Invariant<RaftConfig, RaftState, RaftMessage> = {
  name: 'electionSafety',
  description: 'At most one leader per term: no two up servers are leaders in the same term.',
  check(_config, world): Violation | null {
    const ls = leaders(world);
    for (let a = 0; a < ls.length; a++) {
      const same = ls.filter((n, b) => b > a && n.state.term === ls[a].state.term);
      if (same.length > 0) {
        const t = ls[a].state.term;
        return { message: `two leaders in term ${t}`, witnesses: [ls[a], ...same].map((n) => `${n.id} leader in term ${t}`) };
      }
    }
    return null;
  },
};

export const logMatching: Invariant<RaftConfig, RaftState, RaftMessage> = {
  name: 'logMatching',
  description: 'If two logs hold an entry with the same index and term, they are identical in all entries up to that index.',
  check(_config, world): Violation | null {
    const ns = world.nodes;
    for (let a = 0; a < ns.length; a++) {
      for (let b = a + 1; b < ns.length; b++) {
        const x = ns[a].state.log;
        const y = ns[b].state.log;
        let i = Math.min(x.length, y.length) - 1;
        while (i >= 0 && x[i][0] !== y[i][0]) i--;
        for (let k = i; k >= 0; k--) {
          if (!sameEntry(x[k], y[k])) {
            return {
              message: `${ns[a].id} and ${ns[b].id} agree on index ${i + 1} but not on index ${k + 1}`,
              witnesses: [
                `${ns[a].id} has ${entryText(x[i])} at index ${i + 1}; ${ns[b].id} has ${entryText(y[i])} at index ${i + 1}`,
                `${ns[a].id} has ${entryText(x[k])} at index ${k + 1}; ${ns[b].id} has ${entryText(y[k])} at index ${k + 1}`,
              ],
            };
          }
        }
      }
    }
    return null;
  },
};

export const leaderCompleteness: Invariant<RaftConfig, RaftState, RaftMessage> = {
  name: 'leaderCompleteness',
  description: 'A leader holds every entry committed in an earlier term (checked against entries committed by servers whose term is below the leader\'s).',
  check(_config, world): Violation | null {
    for (const l of leaders(world)) {
      for (const n of world.nodes) {
        if (n.id === l.id || n.state.term >= l.state.term) continue;
        const c = committed(n.state);
        for (let i = 0; i < c.length; i++) {
          const have = l.state.log[i];
          if (have !== undefined && sameEntry(have, c[i])) continue;
          return {
            message: `${l.id}, leader in term ${l.state.term}, lacks an entry committed earlier`,
            witnesses: [
              `${n.id} committed ${entryText(c[i])} at index ${i + 1} (${n.id} in term ${n.state.term})`,
              `${l.id} leader in term ${l.state.term} has ${have === undefined ? 'nothing' : entryText(have)} at index ${i + 1}`,
            ],
          };
        }
      }
    }
    return null;
  },
};

export const stateMachineSafety: Invariant<RaftConfig, RaftState, RaftMessage> = {
  name: 'stateMachineSafety',
  description: 'No two servers have committed (and so applied) different entries at the same index.',
  check(_config, world): Violation | null {
    const ns = world.nodes;
    for (let a = 0; a < ns.length; a++) {
      const x = committed(ns[a].state);
      for (let b = a + 1; b < ns.length; b++) {
        const y = committed(ns[b].state);
        const n = Math.min(x.length, y.length);
        for (let i = 0; i < n; i++) {
          if (sameEntry(x[i], y[i])) continue;
          return {
            message: `${ns[a].id} and ${ns[b].id} committed different entries at index ${i + 1}`,
            witnesses: [`${ns[a].id} committed ${entryText(x[i])} at index ${i + 1}`, `${ns[b].id} committed ${entryText(y[i])} at index ${i + 1}`],
          };
        }
      }
    }
    return null;
  },
};

export const leaderAppendOnly: Invariant<RaftConfig, RaftState, RaftMessage> = {
  name: 'leaderAppendOnly',
  description: 'A leader never overwrites or deletes entries in its log: the log it last left (ghost leaderLog) is a prefix of its log.',
  check(_config, world): Violation | null {
    for (const l of leaders(world)) {
      const before = l.state.leaderLog;
      const now = l.state.log;
      for (let i = 0; i < before.length; i++) {
        if (i < now.length && sameEntry(before[i], now[i])) continue;
        return {
          message: `${l.id}, leader in term ${l.state.term}, lost an entry of its own log`,
          witnesses: [
            `${l.id} leader in term ${l.state.term} had ${entryText(before[i])} at index ${i + 1}`,
            `${l.id} now has ${i < now.length ? entryText(now[i]) : 'nothing'} at index ${i + 1}`,
          ],
        };
      }
    }
    return null;
  },
};

export const leaderElected: Predicate<RaftConfig, RaftState, RaftMessage> = {
  name: 'leaderElected',
  description: 'Some up server is a leader.',
  holds: (_config, world) => world.nodes.some((n) => n.up && n.state.role === 'leader'),
};

export const committedPredicate: Predicate<RaftConfig, RaftState, RaftMessage> = {
  name: 'committed',
  description: 'Some up server knows an entry is committed (commitIndex ≥ 1).',
  holds: (_config, world) => world.nodes.some((n) => n.up && n.state.commit >= 1 && n.state.log.length >= 1),
};

export const allCommitted: Predicate<RaftConfig, RaftState, RaftMessage> = {
  name: 'allCommitted',
  description: 'Every up server knows at least one entry is committed.',
  holds: (_config, world) => world.nodes.every((n) => !n.up || (n.state.commit >= 1 && n.state.log.length >= 1)),
};

/** The ids of a one-set configuration written as a sorted list, compared with the initial one. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, k) => id === b[k]);
}

/**
 * Written out here rather than taken from membership.ts so that the
 * specification does not share code with the rules it judges: the latest
 * configuration entry a server knows committed, if it is an ordinary
 * configuration (not C_old,new) other than the initial one.
 */
function completedChange(config: RaftConfig, s: RaftState): boolean {
  const c = committed(s);
  for (let i = c.length - 1; i >= 0; i--) {
    const v = c[i][1];
    if (typeof v === 'string') continue;
    return v.length === 1 && !sameIds(v[0], config.initial[0]);
  }
  return false;
}

export const reconfigured: Predicate<RaftConfig, RaftState, RaftMessage> = {
  name: 'reconfigured',
  description: 'A membership change completed: some up server knows committed a configuration other than the initial one, and not C_old,new.',
  holds: (config, world) => world.nodes.some((n) => n.up && completedChange(config, n.state)),
};
