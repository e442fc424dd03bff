import { describe, expect, it } from 'vitest';
import { messageFlows, messageKey, stableJson } from '../../../src/checker/report/flows.js';
import type { MessageSnapshot, Trace, TraceStep, WorldSnapshot } from '../../../src/checker/trace.js';

const m = (b: number): MessageSnapshot => ({ from: 'a', to: 'b', msg: { t: 'x', b }, text: `x(${b})` });
const world = (messages: MessageSnapshot[]): WorldSnapshot => ({ time: 0, nodes: [], messages, cuts: [], faultsUsed: {} });
const local = (sent: MessageSnapshot[], after: MessageSnapshot[]): TraceStep => ({ action: { kind: 'local', node: 'a', label: 'acts' }, label: 'a acts', sent, world: world(after) });
const deliver = (msg: MessageSnapshot, after: MessageSnapshot[]): TraceStep => ({ action: { kind: 'deliver', node: 'b', message: msg }, label: 'deliver', sent: [], world: world(after) });
const trace = (steps: TraceStep[], initial: MessageSnapshot[] = []): Trace => ({ spec: 't', protocol: 'p', params: {}, bugs: [], initial: world(initial), steps });

describe('message flows', () => {
  it('matches copies by content, whatever the key order', () => {
    expect(stableJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(stableJson({ a: [2, { c: 4, d: 3 }], b: 1 }));
    expect(messageKey(m(1))).not.toBe(messageKey(m(2)));
  });

  it('pairs each delivery with the step that sent the message (consuming network)', () => {
    const flows = messageFlows(trace([local([m(1), m(2)], [m(1), m(2)]), deliver(m(2), [m(1)]), deliver(m(1), [])]));
    expect(flows.map((f) => [f.text, f.sentAt, f.end])).toEqual([
      ['x(2)', 0, { kind: 'deliver', at: 1 }],
      ['x(1)', 0, { kind: 'deliver', at: 2 }],
    ]);
  });

  it('does not report a message the checker removed as stale as in flight', () => {
    const flows = messageFlows(trace([local([m(1), m(2)], [m(1), m(2)]), local([], [m(1)])]));
    expect(flows).toEqual([{ from: 'a', to: 'b', text: 'x(1)', sentAt: 0, end: { kind: 'inflight' } }]);
  });

  it('keeps the send step of a message the checker replaced by its canonical form', () => {
    // Step 0 sends x(1); at step 1 the world holds x(0) on the same link instead (Protocol.normalize).
    const flows = messageFlows(trace([local([m(1)], [m(1)]), local([], [m(0)]), deliver(m(0), [m(0)])]));
    expect(flows).toEqual([{ from: 'a', to: 'b', text: 'x(0)', sentAt: 0, end: { kind: 'deliver', at: 2 } }]);
  });

  it('traces messages of the initial world to step -1', () => {
    const flows = messageFlows(trace([deliver(m(1), [])], [m(1)]));
    expect(flows).toEqual([{ from: 'a', to: 'b', text: 'x(1)', sentAt: -1, end: { kind: 'deliver', at: 0 } }]);
  });

  it('matches a second send of the same content to the later delivery in order', () => {
    const flows = messageFlows(trace([local([m(1)], [m(1)]), local([m(1)], [m(1), m(1)]), deliver(m(1), [m(1)]), deliver(m(1), [])]));
    expect(flows.map((f) => [f.sentAt, f.end])).toEqual([
      [0, { kind: 'deliver', at: 2 }],
      [1, { kind: 'deliver', at: 3 }],
    ]);
  });
});
