import { describe, expect, it } from 'vitest';
import { staleMessage } from '../../../src/model/shared-log/stale.js';
import { cfg, client, put1, seq, server } from './helpers.js';

describe('stale messages', () => {
  it('a client drops answers to requests it no longer waits for', () => {
    const waiting = client({ next: 1, phase: 'token', ask: 1, tries: 2 });
    expect(staleMessage(cfg(), 'c1', waiting, { t: 'token', ask: 0, pos: 0 }, 'seq')).toBe(true);
    expect(staleMessage(cfg(), 'c1', waiting, { t: 'token', ask: 1, pos: 2 }, 'seq')).toBe(false);
    expect(staleMessage(cfg(), 'c1', waiting, { t: 'tailIs', ask: 1, pos: 2 }, 'seq')).toBe(true);
    expect(staleMessage(cfg(), 'c1', client({ next: 2, phase: 'tail', ask: 2 }), { t: 'tailIs', ask: 2, pos: 2 }, 'seq')).toBe(false);
  });

  it('a write\'s answers are dead once the command is past, or from a dropped head', () => {
    const writing = client({ next: 1, phase: 'write', ask: 0, tries: 1, pos: 0 });
    expect(staleMessage(cfg(), 'c1', writing, { t: 'ack', pos: 0, seq: 0 }, 's2')).toBe(false);
    expect(staleMessage(cfg(), 'c1', client({ ...writing, phase: 'idle' }), { t: 'ack', pos: 0, seq: 0 }, 's2')).toBe(true);
    expect(staleMessage(cfg(), 'c1', client({ ...writing, next: 2, phase: 'tail' }), { t: 'taken', pos: 0, seq: 0 }, 's1')).toBe(true);
    expect(staleMessage(cfg(), 'c1', client({ ...writing, head: 1 }), { t: 'taken', pos: 0, seq: 0 }, 's1')).toBe(true);
  });

  it('a read\'s answers are dead once the position is read, and unwritten ones once it is filling', () => {
    const reading = client({ next: 2, phase: 'read', ask: 1, upTo: 2, log: [put1] });
    expect(staleMessage(cfg(), 'c1', reading, { t: 'val', pos: 0, val: put1 }, 's2')).toBe(true);
    expect(staleMessage(cfg(), 'c1', reading, { t: 'val', pos: 1, val: null }, 's2')).toBe(false);
    expect(staleMessage(cfg(), 'c1', client({ ...reading, filling: true }), { t: 'val', pos: 1, val: null }, 's2')).toBe(true);
    expect(staleMessage(cfg(), 'c1', client({ head: 1 }), { t: 'chain', head: 1 }, 's2')).toBe(true);
    expect(staleMessage(cfg(), 'c1', client(), { t: 'chain', head: 1 }, 's2')).toBe(false);
  });

  it('a server drops the old chain\'s forwards and duplicates of what it holds; not under fillOverwrites', () => {
    const fenced = server({ epoch: 2, log: [put1] });
    const fwd = { t: 'fwd', epoch: 1, pos: 0, val: put1, kind: 'write', for: 'c1' } as const;
    expect(staleMessage(cfg(), 's2', fenced, fwd, 's1')).toBe(true);
    expect(staleMessage(cfg(), 's2', server({ log: [put1] }), fwd, 's1')).toBe(true);
    expect(staleMessage(cfg(['fillOverwrites']), 's2', server({ log: [put1] }), fwd, 's1')).toBe(false);
    expect(staleMessage(cfg(), 's2', server(), fwd, 's1')).toBe(false);
    expect(staleMessage(cfg(), 's1', server({ log: [put1] }), { t: 'write', pos: 0, entry: put1 }, 'c1')).toBe(true);
  });

  it('only a server that may lead takes writes and fills: s2 may, with failover; s3 never', () => {
    const three = cfg([], { servers: 3 });
    expect(staleMessage(three, 's3', server(), { t: 'fill', pos: 0 }, 'c1')).toBe(true);
    expect(staleMessage(three, 's2', server(), { t: 'fill', pos: 0 }, 'c1')).toBe(false);
    expect(staleMessage(cfg([], { failover: false }), 's2', server(), { t: 'write', pos: 0, entry: put1 }, 'c1')).toBe(true);
  });

  it('the sequencer drops requests it answered, unless it forgets them on a restart (sequencerFromZero)', () => {
    const s = seq({ next: 1, asked: [0, -1] });
    expect(staleMessage(cfg(), 'seq', s, { t: 'next', ask: 0 }, 'c1')).toBe(true);
    expect(staleMessage(cfg(), 'seq', s, { t: 'tail', ask: 0 }, 'c2')).toBe(false);
    expect(staleMessage(cfg(['sequencerFromZero']), 'seq', s, { t: 'next', ask: 0 }, 'c1')).toBe(false);
  });
});
