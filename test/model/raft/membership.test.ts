import { describe, expect, it } from 'vitest';
import {
  disjointQuorums,
  hasQuorum,
  isMember,
  membersOf,
  membershipIndex,
  membershipOf,
  membershipText,
  peersOf,
  sameMembership,
} from '../../../src/model/raft/membership.js';
import { entryText, sameEntry } from '../../../src/model/raft/log.js';
import type { Entry, Membership } from '../../../src/model/raft/types.js';
import { cfg } from './helpers.js';

const c = cfg({ servers: 5, members: 3, reconfig: 'single' });
const four: Membership = [['s1', 's2', 's3', 's4']];
const joint: Membership = [
  ['s1', 's2', 's3'],
  ['s1', 's2', 's4'],
];

describe('configurations in the log', () => {
  it('a server uses the latest configuration entry in its log, committed or not, else the initial one', () => {
    expect(membershipOf(c, [])).toEqual([['s1', 's2', 's3']]);
    const log: readonly Entry[] = [
      [1, 'v1'],
      [1, four],
      [2, 'v1'],
    ];
    expect(membershipIndex(log)).toBe(2);
    expect(membershipOf(c, log)).toBe(four);
    // Truncating the entry falls back to the one before: nothing else to undo.
    expect(membershipOf(c, log.slice(0, 1))).toEqual([['s1', 's2', 's3']]);
    expect(membershipIndex([[1, 'v1']])).toBe(0);
  });

  it('without reconfiguration the configuration is every server, whatever the log', () => {
    const plain = cfg();
    expect(membershipOf(plain, [[1, 'v1']])).toEqual([['s1', 's2', 's3']]);
    expect(peersOf(plain, 's2', [])).toEqual(['s1', 's3']);
  });

  it('members of C_old,new are both sets, in server order; peers leave out the server itself', () => {
    expect(membersOf(c, joint)).toEqual(['s1', 's2', 's3', 's4']);
    expect(isMember(joint, 's4')).toBe(true);
    expect(isMember(joint, 's5')).toBe(false);
    expect(peersOf(c, 's1', [[1, joint]])).toEqual(['s2', 's3', 's4']);
  });

  it('a quorum is a majority of every set: C_old,new needs both', () => {
    const among = (ids: string[]) => (id: string) => ids.includes(id);
    expect(hasQuorum(four, among(['s1', 's2']))).toBe(false);
    expect(hasQuorum(four, among(['s1', 's2', 's4']))).toBe(true);
    expect(hasQuorum(joint, among(['s1', 's3']))).toBe(false); // a majority of C_old only
    expect(hasQuorum(joint, among(['s1', 's2']))).toBe(true);
    expect(hasQuorum(joint, among(['s3', 's4', 's1']))).toBe(true);
  });

  it('configuration entries compare by content and print their sets', () => {
    expect(sameEntry([1, [['s1', 's2']]], [1, [['s1', 's2']]])).toBe(true);
    expect(sameEntry([1, [['s1', 's2']]], [1, [['s1', 's3']]])).toBe(false);
    expect(sameEntry([1, [['s1', 's2']]], [1, 'v1'])).toBe(false);
    expect(sameEntry([1, joint], [1, [joint[1]]])).toBe(false);
    expect(sameMembership(joint, [[...joint[0]], [...joint[1]]])).toBe(true);
    expect(entryText([2, joint])).toBe('2:{s1,s2,s3}→{s1,s2,s4}');
    expect(membershipText(four)).toBe('{s1,s2,s3,s4}');
  });
});

describe('disjoint quorums', () => {
  const all = ['s1', 's2', 's3', 's4', 's5', 's6'];
  it('configurations one server apart always overlap (the single-server argument)', () => {
    expect(disjointQuorums(four, all, [['s1', 's2', 's3', 's4', 's5']], all)).toBeNull();
    expect(disjointQuorums(four, all, [['s1', 's2', 's3']], all)).toBeNull();
  });

  it('sibling changes from four servers do not: an add and a remove, two adds', () => {
    const [r1, r2] = disjointQuorums([['s1', 's2', 's3', 's4', 's5']], all, [['s1', 's2', 's3']], all) ?? [[], []];
    expect(r1.filter((id) => r2.includes(id))).toEqual([]);
    expect([r1.length, r2.length]).toEqual([3, 2]);
    const [q1, q2] = disjointQuorums([['s1', 's2', 's3', 's4', 's5']], all, [['s1', 's2', 's3', 's4', 's6']], all) ?? [[], []];
    expect(q1.filter((id) => q2.includes(id))).toEqual([]);
    expect(q1).toHaveLength(3);
    expect(q2).toHaveLength(3);
  });

  it('only servers that would take part count: a quorum must be drawn from each side\'s able servers', () => {
    // {s1,s2,s3} and {s1,s2,s4}: disjoint quorums {s1,s3} / {s2,s4} exist...
    expect(disjointQuorums([['s1', 's2', 's3']], all, [['s1', 's2', 's4']], all)).not.toBeNull();
    // ...but not when s3 would not take part in the first.
    expect(disjointQuorums([['s1', 's2', 's3']], ['s1', 's2'], [['s1', 's2', 's4']], all)).toBeNull();
    // C_old,new overlaps both C_old and C_new.
    expect(disjointQuorums(joint, all, [joint[0]], all)).toBeNull();
    expect(disjointQuorums(joint, all, [joint[1]], all)).toBeNull();
  });
});
