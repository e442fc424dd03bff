import { describe, expect, it } from 'vitest';
import { answered, initSequencer, onNext, onTail, sequencerDisk } from '../../../src/model/shared-log/sequencer.js';
import { cfg, seq } from './helpers.js';

describe('sequencer', () => {
  it('starts at position 0 with no request answered', () => {
    expect(initSequencer(cfg())).toEqual({ role: 'sequencer', next: 0, asked: [-1, -1] });
  });

  it('hands out the next position and moves on', () => {
    const r = onNext(cfg(), seq(), 'c2', 0);
    expect(r.state).toEqual({ role: 'sequencer', next: 1, asked: [-1, 0] });
    expect(r.send).toEqual([{ to: 'c2', msg: { t: 'token', ask: 0, pos: 0 } }]);
    expect(onNext(cfg(), r.state, 'c1', 0).send).toEqual([{ to: 'c1', msg: { t: 'token', ask: 0, pos: 1 } }]);
  });

  it('answers each request once: a redelivered or older one burns no position', () => {
    const s = seq({ next: 2, asked: [1, -1] });
    expect(onNext(cfg(), s, 'c1', 1)).toEqual({ state: s, send: [] });
    expect(onNext(cfg(), s, 'c1', 0)).toEqual({ state: s, send: [] });
    expect(onTail(cfg(), s, 'c1', 1)).toEqual({ state: s, send: [] });
    expect(answered(cfg(), s, 'c1', 1)).toBe(true);
    expect(answered(cfg(), s, 'c2', 0)).toBe(false);
  });

  it('tells a reader the tail without moving it', () => {
    const r = onTail(cfg(), seq({ next: 3 }), 'c1', 0);
    expect(r.state).toEqual({ role: 'sequencer', next: 3, asked: [0, -1] });
    expect(r.send).toEqual([{ to: 'c1', msg: { t: 'tailIs', ask: 0, pos: 3 } }]);
  });

  it('keeps its whole state on disk; bug sequencerFromZero keeps nothing, so it restarts from 0', () => {
    const s = seq({ next: 2, asked: [0, 0] });
    expect(sequencerDisk(cfg(), s)).toBe(s);
    expect(sequencerDisk(cfg(['sequencerFromZero']), s)).toEqual({ role: 'sequencer', next: 0, asked: [-1, -1] });
  });
});
