import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/checker/bfs.js';
import { progressLog } from '../../src/cli/check.js';

const at = (seconds: number, states: number): Progress => ({ states, transitions: states * 10, depth: 7, queue: 100, seconds, memory: 64 * 2 ** 20 });

describe('progress in a log (not a terminal)', () => {
  it('writes one line per interval, naming the spec, and nothing before the first interval', () => {
    const lines: string[] = [];
    const log = progressLog('raft/figure8', 60, (l) => lines.push(l));
    for (let s = 1; s <= 150; s++) log(at(s, s * 1000));
    expect(lines).toEqual([
      'synod: raft/figure8: … 60,000 states, 1,000 states/s, depth 7, queue 100, 64 MiB, 60 s',
      'synod: raft/figure8: … 120,000 states, 1,000 states/s, depth 7, queue 100, 64 MiB, 120 s',
    ]);
  });
});
