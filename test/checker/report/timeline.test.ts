import { describe, expect, it } from 'vitest';
import { parseHistory } from '../../../src/checker/linearizability/history.js';
import { opLabel, timelineLines } from '../../../src/checker/report/timeline.js';
import { kv } from '../../../src/model/machines/kv.js';

const alice = [
  '{"type":"invoke","client":"alice","command":{"op":"put","key":"B","value":5}}',
  '{"type":"return","client":"alice","output":"ok"}',
  '{"type":"invoke","client":"bob","command":{"op":"get","key":"B"}}',
  '{"type":"invoke","client":"alice","command":{"op":"put","key":"B","value":6}}',
  '{"type":"return","client":"bob","output":null}',
].join('\n');

describe('history timelines', () => {
  it('draws one row per client; bars overlap exactly where operations were concurrent; a pending bar runs to the end', () => {
    expect(timelineLines(kv, parseHistory(alice))).toEqual([
      'alice  [#1 put(B, 5) → ok]   [#3 put(B, 6)---…',
      'bob                        [#2 get(B) → nil]',
    ]);
  });

  it('labels operations by number, command and output', () => {
    const ops = parseHistory(alice);
    expect(opLabel(kv, ops, 1)).toBe('#2 get(B) → nil');
    expect(opLabel(kv, ops, 2)).toBe('#3 put(B, 6) (pending)');
  });

  it('says so for an empty history', () => {
    expect(timelineLines(kv, [])).toEqual(['(no operations)']);
  });
});
