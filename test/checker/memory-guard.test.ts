/** The search's memory guard: a typed array the machine will not give ends the search at the memory limit, with its figures. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bfs, overMemory, refusedMemory } from '../../src/checker/bfs.js';
import { clearInterrupt, requestInterrupt } from '../../src/checker/interrupt.js';
import { WorldQueue } from '../../src/checker/queue.js';
import { System } from '../../src/checker/system.js';
import { counter, toySpec } from './toys.js';

const explore = (spec: ReturnType<typeof toySpec>) => bfs(new System(spec.protocol, spec.config, spec.settings), spec.invariants, { limits: spec.limits });

afterEach(() => {
  vi.restoreAllMocks();
  clearInterrupt();
});

describe('memory guard', () => {
  it('turns a refused allocation in the queues into the memory limit, keeping the states found so far', () => {
    const push = WorldQueue.prototype.push;
    let calls = 0;
    // Injected fault: the fourth queued world finds no memory, as `new ArrayBuffer` does when the machine is out.
    vi.spyOn(WorldQueue.prototype, 'push').mockImplementation(function (this: WorldQueue, ...args: Parameters<WorldQueue['push']>) {
      if (++calls === 4) throw new RangeError('Array buffer allocation failed');
      return push.apply(this, args);
    });
    const r = explore(toySpec(counter(6, -1)));
    expect(r.status).toBe('limit');
    expect(r.limit).toBe('memory');
    expect(r.states).toBe(4);
  });

  it('lets other errors through, and knows a refused allocation when it sees one', () => {
    expect(refusedMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(refusedMemory(new RangeError('Invalid typed array length: 4294967296'))).toBe(true);
    expect(refusedMemory(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(refusedMemory(new TypeError('x'))).toBe(false);
    vi.spyOn(WorldQueue.prototype, 'push').mockImplementation(() => {
      throw new TypeError('not a memory problem');
    });
    expect(() => explore(toySpec(counter(6, -1)))).toThrow('not a memory problem');
  });

  it('counts resident memory against the bound, typed arrays included', () => {
    expect(overMemory(1)).toBe(true);
    expect(overMemory(2 ** 50)).toBe(false);
  });
});

describe('interrupt flag', () => {
  it('stops a search as at a budget, with the figures so far', () => {
    requestInterrupt(2);
    // The flag is polled with the time limit, every 1024 expansions: a search that small ends first.
    expect(explore(toySpec(counter(6, -1))).status).toBe('exhausted');
    const big = explore(toySpec(counter(5000, -1)));
    expect(big.status).toBe('limit');
    expect(big.limit).toBe('interrupted');
    expect(big.states).toBeGreaterThan(1000);
  });
});
