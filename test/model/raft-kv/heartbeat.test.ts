import { describe, expect, it } from 'vitest';
import { heartbeatReplyStale, onHeartbeat, onHeartbeatReply, serveConfirmed, startRound } from '../../../src/model/raft-kv/heartbeat.js';
import { cfg, getX, leader, noop, srv } from './helpers.js';

const pending = { client: 'c1', seq: 1, cmd: getX, round: 1 };

describe('heartbeat rounds', () => {
  it('a leader starts the next round at its clock, counting itself', () => {
    const r = startRound(cfg(), 's1', leader(1, [noop(1)], { round: 2 }), 7);
    expect(r.state).toMatchObject({ round: 3, roundAt: 7, acks: ['s1'] });
    expect(r.send.map((x) => x.to)).toEqual(['s2', 's3']);
  });

  it('a follower answers a heartbeat of its term, and with leases promises until clock + E', () => {
    const f = srv({}, { term: 1 });
    const r = onHeartbeat(cfg({ reads: 'lease', timeout: 5 }), f, { term: 1, round: 2 }, 's1', 3);
    expect(r.state.until).toBe(8);
    expect(r.send).toEqual([{ to: 's1', msg: { t: 'HBR', term: 1, round: 2, ok: true } }]);
    const plain = onHeartbeat(cfg({ reads: 'readIndex' }), f, { term: 1, round: 2 }, 's1', 3);
    expect(plain.state).toBe(f);
  });

  it('a promise only grows', () => {
    const f = srv({ until: 12 }, { term: 1 });
    expect(onHeartbeat(cfg({ reads: 'lease', timeout: 5 }), f, { term: 1, round: 1 }, 's1', 3).state).toBe(f);
  });

  it('a heartbeat of a later term moves the follower (or a candidate) to it', () => {
    const c = srv({}, { role: 'candidate', term: 1, votedFor: 's2', votes: ['s2'] });
    expect(onHeartbeat(cfg(), c, { term: 1, round: 1 }, 's1', 0).state.raft).toMatchObject({ role: 'follower', term: 1, votedFor: 's2' });
    expect(onHeartbeat(cfg(), srv({}, { term: 1 }), { term: 2, round: 1 }, 's1', 0).state.raft).toMatchObject({ role: 'follower', term: 2, votedFor: null });
  });

  it('a heartbeat from an older term is refused with the receiver\'s term; a leader of the same term ignores one', () => {
    const f = srv({}, { term: 3 });
    expect(onHeartbeat(cfg(), f, { term: 2, round: 4 }, 's1', 0)).toEqual({ state: f, send: [{ to: 's1', msg: { t: 'HBR', term: 3, round: 0, ok: false } }] });
    const l = leader(1, []);
    expect(onHeartbeat(cfg(), l, { term: 1, round: 1 }, 's2', 0)).toEqual({ state: l, send: [] });
  });

  it('a quorum of answers confirms the round, answers the reads it covers and (leases) starts the lease from the round\'s start', () => {
    const l = leader(1, [noop(1)], { round: 1, roundAt: 2, acks: ['s1'], reads: [pending], store: { x: 1 } }, { commit: 1 });
    const r = onHeartbeatReply(cfg({ reads: 'lease', timeout: 6, margin: 1 }), l, { term: 1, round: 1, ok: true }, 's3');
    expect(r.state).toMatchObject({ confirmed: 1, acks: ['s1', 's3'], reads: [], leaseEnd: 4 });
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 1, out: 1 } }]);
    expect(onHeartbeatReply(cfg({ reads: 'readIndex' }), l, { term: 1, round: 1, ok: true }, 's3').state.leaseEnd).toBe(0);
  });

  it('ignores refusals, answers to an older round, repeats, and answers once not leading', () => {
    const l = leader(1, [noop(1)], { round: 2, acks: ['s1'] });
    expect(onHeartbeatReply(cfg(), l, { term: 1, round: 2, ok: false }, 's3').state).toBe(l);
    expect(onHeartbeatReply(cfg(), l, { term: 1, round: 1, ok: true }, 's3').state).toBe(l);
    const counted = leader(1, [], { round: 2, acks: ['s1', 's3'], confirmed: 2 });
    expect(onHeartbeatReply(cfg(), counted, { term: 1, round: 2, ok: true }, 's3').state).toBe(counted);
    const f = srv({}, { term: 1 });
    expect(onHeartbeatReply(cfg(), f, { term: 1, round: 0, ok: true }, 's3').state).toBe(f);
  });

  it('serves only the reads a confirmed round covers', () => {
    const later = { ...pending, seq: 2, round: 2 };
    const l = leader(1, [], { reads: [pending, later], confirmed: 1 });
    const r = serveConfirmed(l);
    expect(r.state.reads).toEqual([later]);
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'resp', seq: 1, out: null } }]);
    expect(serveConfirmed(leader(1, [], { reads: [later], confirmed: 1 })).state.reads).toEqual([later]);
  });

  it('calls stale the replies that can never count', () => {
    const l = leader(2, [], { round: 2, acks: ['s1', 's2'] });
    expect(heartbeatReplyStale(l, { term: 1, round: 5, ok: true }, 's3')).toBe(true);
    expect(heartbeatReplyStale(l, { term: 2, round: 2, ok: false }, 's3')).toBe(true);
    expect(heartbeatReplyStale(l, { term: 2, round: 1, ok: true }, 's3')).toBe(true);
    expect(heartbeatReplyStale(l, { term: 2, round: 2, ok: true }, 's2')).toBe(true);
    expect(heartbeatReplyStale(l, { term: 2, round: 2, ok: true }, 's3')).toBe(false);
    expect(heartbeatReplyStale(l, { term: 3, round: 0, ok: false }, 's3')).toBe(false);
    expect(heartbeatReplyStale(srv({}, { term: 2 }), { term: 2, round: 2, ok: true }, 's3')).toBe(true);
    expect(heartbeatReplyStale(srv({}, { role: 'candidate', term: 2 }), { term: 2, round: 2, ok: true }, 's3')).toBe(false);
  });
});
