import { describe, expect, it } from 'vitest';
import { staleMessage } from '../../../src/model/raft/stale.js';
import { raft } from '../../../src/model/raft/protocol.js';
import type { RaftMessage, RaftState } from '../../../src/model/raft/types.js';
import { cfg, st, universe } from './helpers.js';

const c = cfg();
/** Whatever stale() claims must at least hold now: delivery changes nothing and sends nothing. */
function noOpNow(s: RaftState, m: RaftMessage, from: string): boolean {
  const out = raft.handle(c, 's1', s, m, from, 0);
  return out.state === s && out.send.length === 0;
}

const leader = st({ role: 'leader', term: 2, votedFor: 's1', next: [0, 2, 3], match: [0, 1, 0] });
const cand = st({ role: 'candidate', term: 2, votedFor: 's1', votes: ['s1'] });

describe('stale messages', () => {
  const cases: [string, RaftState, RaftMessage, string, boolean][] = [
    ['vote from an older term', cand, { t: 'RVR', term: 1, granted: true }, 's2', true],
    ['vote to a server no longer a candidate of that term', leader, { t: 'RVR', term: 2, granted: true }, 's2', true],
    ['vote a candidate still needs', cand, { t: 'RVR', term: 2, granted: true }, 's2', false],
    ['refusal from a higher term', cand, { t: 'RVR', term: 3, granted: false }, 's2', false],
    ['reply the leader already counted', leader, { t: 'AER', term: 2, success: true, index: 1 }, 's2', true],
    ['reply that advances matchIndex', leader, { t: 'AER', term: 2, success: true, index: 2 }, 's2', false],
    ['failure once nextIndex = matchIndex + 1', leader, { t: 'AER', term: 2, success: false, index: 1 }, 's2', true],
    ['failure that still backs nextIndex off', leader, { t: 'AER', term: 2, success: false, index: 1 }, 's3', false],
    ['reply to a follower of the same term', st({ term: 2 }), { t: 'AER', term: 2, success: true, index: 1 }, 's2', true],
    // Refused silently now, but answered with the new term once this server moves on.
    ['same-term request from a candidate I did not vote for', st({ term: 2, votedFor: 's3' }), { t: 'RV', term: 2, lastIndex: 0, lastTerm: 0 }, 's2', false],
    ['AppendEntries (always answered)', st({ term: 3 }), { t: 'AE', term: 2, prevIndex: 0, prevTerm: 0, entries: [], commit: 0 }, 's2', false],
  ];
  for (const [name, s, m, from, stale] of cases) {
    it(`${name}: ${stale ? 'stale' : 'live'}`, () => {
      expect(staleMessage(c, s, m, from)).toBe(stale);
      if (stale) expect(noOpNow(s, m, from)).toBe(true);
    });
  }

  it('a candidate of the term may still win it, so a reply sent to it in an older term stays', () => {
    expect(staleMessage(c, cand, { t: 'AER', term: 2, success: false, index: 1 }, 's2')).toBe(false);
  });

  it('with checkQuorum a leader still records acks, so no reply of its term is stale', () => {
    expect(staleMessage(cfg({ checkQuorum: true }), leader, { t: 'AER', term: 2, success: true, index: 1 }, 's2')).toBe(false);
  });
});

/**
 * "Stale for good": over every server state and message reachable in a
 * small configuration (node by node, any message to any state, restarts
 * with the disk), a stale message is a no-op and stays stale across every
 * step its receiver can take.
 */
describe('stale() is closed under the receiver\'s steps', () => {
  // The cap (states per server) keeps the suite quick.
  const configs: [string, ReturnType<typeof cfg>, number][] = [
    ['correct', cfg({ maxTerm: 3, maxLog: 2 }), 400],
    ['preVote + checkQuorum', cfg({ maxTerm: 3, maxLog: 1, preVote: true, checkQuorum: true }), 400],
    ['preVote + checkQuorum + quietTimeouts', cfg({ maxTerm: 3, maxLog: 1, preVote: true, checkQuorum: true, quietTimeouts: true }), 400],
    ['all bugs', cfg({ maxTerm: 3, maxLog: 2 }, ['figure8', 'noUpToDateCheck', 'votedForNotPersisted', 'truncateOnStaleAppend']), 400],
    ['single-server changes', cfg({ servers: 4, members: 3, maxTerm: 3, maxLog: 1, reconfig: 'single' }), 400],
    ['single-server changes, two per log', cfg({ servers: 3, members: 2, maxTerm: 3, maxLog: 1, reconfig: 'single', maxChanges: 2 }), 400],
    ['joint consensus', cfg({ servers: 4, members: 3, maxTerm: 3, maxLog: 1, reconfig: 'joint' }, ['jointEarlySwitch']), 400],
  ];
  for (const [name, config, cap] of configs) {
    it(name, () => {
      const { states, envs, successors } = universe(config, cap);
      let staleSeen = 0;
      const broken: string[] = [];
      for (const [id, byKey] of states) {
        for (const s of byKey.values()) {
          const next = successors(id, s);
          for (const e of envs.values()) {
            if (e.to !== id || !staleMessage(config, s, e.msg, e.from)) continue;
            staleSeen++;
            const r = raft.handle(config, id, s, e.msg, e.from, 0);
            if (r.state !== s || r.send.length > 0) broken.push(`${JSON.stringify(e)} acts on ${JSON.stringify(s)}`);
            const live = next.find((n) => !staleMessage(config, n, e.msg, e.from));
            if (live !== undefined) broken.push(`${JSON.stringify(e)} revives after ${JSON.stringify(live)}`);
          }
        }
      }
      expect(broken.slice(0, 3)).toEqual([]);
      expect(staleSeen).toBeGreaterThan(100);
    }, 60_000);
  }
});
