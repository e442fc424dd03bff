import { describe, expect, it } from 'vitest';
import { permuteMask } from '../../src/model/masks.js';

describe('permuteMask', () => {
  it('maps each member of the set to its image, over one list of ids', () => {
    const ids = ['a1', 'a2', 'a3'];
    const p = { node: (id: string) => ({ a1: 'a3', a3: 'a1' })[id] ?? id, value: (v: string) => v };
    expect(permuteMask(ids, 0b001, p)).toBe(0b100);
    expect(permuteMask(ids, 0b011, p)).toBe(0b110);
    expect(permuteMask(ids, 0b010, p)).toBe(0b010);
    expect(permuteMask(ids, 0, p)).toBe(0);
  });
});
