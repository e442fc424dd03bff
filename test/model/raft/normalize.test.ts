import { describe, expect, it } from 'vitest';
import { describeMessage } from '../../../src/model/raft/describe.js';
import { normalizeMessage } from '../../../src/model/raft/normalize.js';
import { raft } from '../../../src/model/raft/protocol.js';
import type { RaftMessage } from '../../../src/model/raft/types.js';
import { cfg, st, universe } from './helpers.js';

const ae = (term: number, prevIndex: number): RaftMessage => ({ t: 'AE', term, prevIndex, prevTerm: term, entries: [[term, 'v1']], commit: 1 });

describe('old requests collapse into one canonical request per kind', () => {
  it('a RequestVote or PreVote from an older term becomes the term-0 one', () => {
    const s = st({ term: 3 });
    expect(normalizeMessage(s, { t: 'RV', term: 2, lastIndex: 1, lastTerm: 1 })).toEqual({ t: 'RV', term: 0, lastIndex: 0, lastTerm: 0 });
    expect(normalizeMessage(s, { t: 'PV', term: 1, lastIndex: 0, lastTerm: 0 })).toEqual({ t: 'PV', term: 0, lastIndex: 0, lastTerm: 0 });
  });

  it('an old AppendEntries keeps only its prevIndex, which the refusal carries back', () => {
    expect(normalizeMessage(st({ term: 3 }), ae(2, 1))).toEqual({ t: 'AE', term: 0, prevIndex: 1, prevTerm: 0, entries: [], commit: 0 });
    const out = raft.handle(cfg(), 's2', st({ term: 3 }), ae(2, 1), 's1', 0);
    expect(out.send).toEqual([{ to: 's1', msg: { t: 'AER', term: 3, success: false, index: 1 } }]);
  });

  it('leaves requests of the current or a newer term, responses and canonical forms alone', () => {
    const s = st({ term: 2, votedFor: 's3' });
    const same: RaftMessage = { t: 'RV', term: 2, lastIndex: 0, lastTerm: 0 };
    expect(normalizeMessage(s, same)).toBe(same);
    const reply: RaftMessage = { t: 'RVR', term: 1, granted: true };
    expect(normalizeMessage(s, reply)).toBe(reply);
    const canonical = normalizeMessage(s, ae(1, 0));
    expect(normalizeMessage(s, canonical)).toBe(canonical);
  });

  it('reads as an older-term request in traces', () => {
    expect(describeMessage({ t: 'RV', term: 0, lastIndex: 0, lastTerm: 0 })).toBe('RequestVote(older term)');
    expect(describeMessage({ t: 'AE', term: 0, prevIndex: 2, prevTerm: 0, entries: [], commit: 0 })).toBe('AppendEntries(older term, prev=2)');
  });
});

/**
 * The checker trusts normalize() as it trusts stale(): over every server
 * state and message reachable in small configurations, the canonical form
 * does exactly what the original does, in that state and in every state the
 * server steps to (restarts with the disk included).
 */
describe('normalize() is exact and closed under the receiver\'s steps', () => {
  const configs: [string, ReturnType<typeof cfg>][] = [
    ['correct', cfg({ maxTerm: 3, maxLog: 2 })],
    ['preVote + checkQuorum', cfg({ maxTerm: 3, maxLog: 1, preVote: true, checkQuorum: true })],
    ['all bugs', cfg({ maxTerm: 3, maxLog: 2 }, ['figure8', 'noUpToDateCheck', 'votedForNotPersisted', 'truncateOnStaleAppend'])],
    ['single-server changes', cfg({ servers: 4, members: 3, maxTerm: 3, maxLog: 1, reconfig: 'single' })],
    ['single-server changes, two per log', cfg({ servers: 3, members: 2, maxTerm: 3, maxLog: 1, reconfig: 'single', maxChanges: 2 })],
    ['joint consensus', cfg({ servers: 4, members: 3, maxTerm: 3, maxLog: 1, reconfig: 'joint' }, ['jointEarlySwitch'])],
  ];
  for (const [name, config] of configs) {
    it(name, () => {
      const { states, envs, successors } = universe(config, 400);
      let replaced = 0;
      const broken: string[] = [];
      const same = (id: string, s: Parameters<typeof raft.handle>[2], a: RaftMessage, b: RaftMessage, from: string): boolean =>
        JSON.stringify(raft.handle(config, id, s, a, from, 0)) === JSON.stringify(raft.handle(config, id, s, b, from, 0));
      for (const [id, byKey] of states) {
        for (const s of byKey.values()) {
          const next = successors(id, s);
          for (const e of envs.values()) {
            if (e.to !== id) continue;
            const c = normalizeMessage(s, e.msg);
            if (c === e.msg) continue;
            replaced++;
            if (!same(id, s, e.msg, c, e.from)) broken.push(`${JSON.stringify(e)} differs from ${JSON.stringify(c)} at ${JSON.stringify(s)}`);
            if (JSON.stringify(normalizeMessage(s, c)) !== JSON.stringify(c)) broken.push(`${JSON.stringify(c)} is not canonical`);
            for (const n of next) {
              if (!same(id, n, e.msg, c, e.from)) broken.push(`${JSON.stringify(e)} differs from ${JSON.stringify(c)} after ${JSON.stringify(n)}`);
            }
          }
        }
      }
      expect(broken.slice(0, 3)).toEqual([]);
      expect(replaced).toBeGreaterThan(100);
    }, 60_000);
  }
});
