import { describe, expect, it } from 'vitest';
import { describeField, describeMessage, describeState } from '../../../src/model/lock-service/describe.js';
import { cfg, inst, leased } from './helpers.js';

describe('lock-service describe', () => {
  it('messages', () => {
    expect(describeMessage({ t: 'acquire', n: 1 })).toBe('acquire#1');
    expect(describeMessage({ t: 'granted', n: 1, token: 3 })).toBe('granted#1(token 3)');
    expect(describeMessage({ t: '1b', b: 3, acc: [1, null], lapsed: true })).toBe('1b(b=3, acc=(1,free), lapsed)');
    expect(describeMessage({ t: '2a', b: 3, holder: 'c1' })).toBe('2a(b=3, c1)');
    expect(describeMessage({ t: 'write', token: 3 })).toBe('write(token 3)');
  });

  it('states in one line', () => {
    expect(describeState(cfg(), 'i1', inst())).toBe('promised 0 acc -');
    const running = inst({ promised: 3, ballot: 3, phase: 1, op: { kind: 'acquire', client: 'c1', n: 1 }, promises: 0b011, best: [1, 'c2'], lapsed: true });
    expect(describeState(cfg(), 'i1', running)).toBe('promised 3 acc - b=3 phase 1 acquire for c1: promises {i1,i2} best (1,c2) lapsed');
    expect(describeState(leased(), 'i1', inst({ accepted: [1, 'c1'], acceptedAt: null }))).toBe('promised 0 acc (1,c1) accepted at ? (restarted)');
    expect(describeState(leased(), 'i1', inst({ accepted: [1, 'c1'], acceptedAt: 2, ballot: 1 }))).toBe('promised 0 acc (1,c1) accepted at 2 b=1');
    expect(describeState(cfg(), 'st', { role: 'storage', writes: [['c1', 1]] })).toBe('writes c1@1');
  });

  it('fields for trace diffs', () => {
    const s = inst({ promises: 0b101, acks: 0b010, accepted: [2, 'c1'], op: { kind: 'release', client: 'c2', n: 1 } });
    expect(describeField(cfg(), 'promises', s)).toBe('{i1,i3}');
    expect(describeField(cfg(), 'acks', s)).toBe('{i2}');
    expect(describeField(cfg(), 'accepted', s)).toBe('(2,c1)');
    expect(describeField(cfg(), 'op', s)).toBe('release for c2');
    expect(describeField(cfg(), 'ballot', s)).toBeUndefined();
  });
});
