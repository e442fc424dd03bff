import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/cli/check.js';
import { walk } from './report/walk.js';

describe('a replayed step lists what its node sent', () => {
  it('and not the waiting messages the checker rewrote in canonical form (Protocol.normalize)', () => {
    const [spec] = loadSpecs(['spec/raft/correct-elections.json']);
    const t = walk(spec, ['s1 times out, starts election for term 1', 's2 times out, starts election for term 1', 's2 times out, starts election for term 2', 'deliver RequestVote(t=2, last=(0,0)) s2→s3']);
    const last = t.steps[3];
    // s1's term-1 request to s3 is now from an older term than s3's: rewritten in place, not sent by anyone
    expect(last.world.messages.some((m) => m.from === 's1' && m.to === 's3' && m.text === 'RequestVote(older term)')).toBe(true);
    expect(last.sent.map((m) => `${m.text} ${m.from}→${m.to}`)).toEqual(['Vote(t=2, granted) s3→s2']);
  });
});
