import { describe, expect, it } from 'vitest';
import { highestToken, initStorage, onWrite, refuses } from '../../../src/model/lock-service/storage.js';
import { cfg } from './helpers.js';

describe('lock-service storage', () => {
  it('accepts writes with a token at least the highest it accepted', () => {
    const a = onWrite(cfg(), initStorage(), 'c1', 2).state;
    expect(a.writes).toEqual([['c1', 2]]);
    const b = onWrite(cfg(), a, 'c1', 2).state;
    expect(b.writes).toEqual([['c1', 2], ['c1', 2]]);
    expect(onWrite(cfg(), b, 'c2', 5).state.writes).toEqual([['c1', 2], ['c1', 2], ['c2', 5]]);
    expect(highestToken(onWrite(cfg(), b, 'c2', 5).state)).toBe(5);
    expect(highestToken(initStorage())).toBe(0);
  });

  it('refuses a lower token than it has seen, unless noFencing', () => {
    const s = { role: 'storage', writes: [['c2', 5]] } as const;
    expect(onWrite(cfg(), s, 'c1', 3).state).toBe(s);
    expect(refuses(cfg(), s, 3)).toBe(true);
    expect(refuses(cfg(), s, 5)).toBe(false);
    expect(onWrite(cfg({}, ['noFencing']), s, 'c1', 3).state.writes).toEqual([['c2', 5], ['c1', 3]]);
    expect(refuses(cfg({}, ['noFencing']), s, 3)).toBe(false);
  });
});
