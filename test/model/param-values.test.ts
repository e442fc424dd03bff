import { describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../src/model/contract.js';
import { checkBugs, intParam } from '../../src/model/param-values.js';

const defs = [{ name: 'n', description: 'n', type: 'int', default: 3, min: 1, max: 5 }] as const;

describe('parameter values', () => {
  it('reads an integer or its default, within range', () => {
    expect(intParam(defs, { n: 4 }, 'n')).toBe(4);
    expect(intParam(defs, {}, 'n')).toBe(3);
    expect(() => intParam(defs, { n: 6 }, 'n')).toThrow(ModelConfigError);
    expect(() => intParam(defs, { n: 2.5 }, 'n')).toThrow('n must be an integer from 1 to 5');
    expect(() => intParam(defs, { n: 'x' }, 'n')).toThrow(ModelConfigError);
  });

  it('accepts declared bugs and names the known ones otherwise', () => {
    const bugs = [{ name: 'b', description: 'b', reproduces: 'b' }];
    expect(() => checkBugs(bugs, ['b'])).not.toThrow();
    expect(() => checkBugs(bugs, ['c'])).toThrow('unknown bug "c" (known: b)');
  });
});
