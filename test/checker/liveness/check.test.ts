import { describe, expect, it } from 'vitest';
import { checkLiveness } from '../../../src/checker/liveness/check.js';
import { checkSpec } from '../../../src/checker/run.js';
import { SpecError } from '../../../src/checker/spec.js';
import { blinker, chooser, climber, liveSpec, mail, spinner, ticker } from './toys.js';

describe('eventually under weak fairness, on hand-made graphs', () => {
  it('no fairness: the run may stop in the initial world', () => {
    const r = checkLiveness(liveSpec(spinner, { fairness: [] }));
    expect(r.verdict).toBe('violation');
    expect(r.property).toBe('done');
    expect(r.trace?.steps).toHaveLength(0);
    expect(r.trace?.loop).toBeUndefined();
    expect(r.message).toMatch(/stay there forever/);
  });

  it('fair local steps of the node: spinning 0 ⇄ 1 forever is fair, a lasso', () => {
    const r = checkLiveness(liveSpec(spinner, { fairness: ['local'] }));
    expect(r.verdict).toBe('violation');
    const t = r.trace;
    expect(t?.loop).toBe(0);
    expect(t?.steps.map((s) => s.label)).toEqual(['n spins', 'n spins']);
    expect(t?.steps.at(-1)?.world.nodes[0].state).toBe(0);
  });

  it('fair "finishes": enabled in every world of the cycle and never taken, so no lasso', () => {
    const r = checkLiveness(liveSpec(spinner, { fairness: [{ local: '^finishes$' }] }));
    expect(r.verdict).toBe('pass');
    expect(r.asExpected).toBe(true);
    expect(r.states).toBe(2);
  });

  it('messages: without fair delivery the message may stay in flight forever', () => {
    // Only sending is fair: after it nothing fair is enabled, so the run may stop.
    const stop = checkLiveness(liveSpec(mail, { fairness: [{ local: '^sends$' }], network: 'multiset' }));
    expect(stop.verdict).toBe('violation');
    expect(stop.trace?.steps.map((s) => s.label)).toEqual(['a sends']);
    expect(stop.trace?.loop).toBeUndefined();
    // Local steps fair too: a toggles forever while the message waits.
    const r = checkLiveness(liveSpec(mail, { fairness: ['local', { local: '^sends$' }], network: 'multiset' }));
    expect(r.verdict).toBe('violation');
    const labels = r.trace?.steps.map((s) => s.label) ?? [];
    expect(labels[0]).toBe('a sends');
    expect(r.trace?.loop).toBe(1);
    expect(labels.slice(1)).toEqual(['a toggles', 'a toggles']);
    expect(r.trace?.steps.at(-1)?.world.messages.map((m) => m.text)).toEqual(['hello']);
  });

  it('messages: without fairness for sending, a may toggle forever and never send', () => {
    const r = checkLiveness(liveSpec(mail, { fairness: ['deliver', 'local'], network: 'multiset' }));
    expect(r.verdict).toBe('violation');
    expect(r.trace?.steps.some((s) => s.label === 'a sends')).toBe(false);
  });

  it('messages: fair sending and fair delivery rule every lasso out', () => {
    for (const network of ['set', 'multiset', 'fifo']) {
      const r = checkLiveness(liveSpec(mail, { fairness: ['deliver', { local: '^sends$' }], network }));
      expect(r.verdict, network).toBe('pass');
    }
  });

  it('fairness restricted to other nodes does not help', () => {
    const r = checkLiveness(liveSpec(mail, { fairness: [{ deliver: '.', nodes: ['a'] }, { local: '^sends$' }], network: 'multiset' }));
    expect(r.verdict).toBe('violation');
  });

  it('checkSpec dispatches specs with "eventually" to the lasso search', () => {
    const r = checkSpec(liveSpec(spinner, { fairness: ['local'], expect: { violates: 'done' } }));
    expect(r.verdict).toBe('violation');
    expect(r.asExpected).toBe(true);
    expect(r.trace?.loop).toBe(0);
  });
});

describe('eventually always ("stable": true)', () => {
  it('eventually on holds at once, but flipping forever keeps turning it off', () => {
    expect(checkLiveness(liveSpec(blinker, { fairness: ['local'] })).verdict).toBe('pass');
    const r = checkLiveness(liveSpec(blinker, { fairness: ['local'], stable: true }));
    expect(r.verdict).toBe('violation');
    expect(r.trace?.steps.map((s) => s.label)).toEqual(['n flips', 'n flips']);
    expect(r.trace?.loop).toBe(0);
    expect(r.message).toMatch(/on fails again and again/);
  });

  it('settling is enabled only now and then: weak fairness lets the light flip forever, strong fairness does not', () => {
    expect(checkLiveness(liveSpec(blinker, { fairness: ['local', { local: '^settles' }], stable: true })).verdict).toBe('violation');
    const r = checkLiveness(liveSpec(blinker, { fairness: ['local', { local: '^settles', strong: true }], stable: true }));
    expect(r.verdict).toBe('pass');
    expect(r.notes?.some((n) => n.includes('strongly fair'))).toBe(true);
  });
});

describe('slow steps (timing)', () => {
  it('a slow step waits for the tick to be delivered', () => {
    // Not slow: finishing is enabled all along the spin cycle, so weak fairness forces it.
    expect(checkLiveness(liveSpec(ticker, { fairness: ['deliver', { local: '^finishes' }], network: 'multiset' })).verdict).toBe('pass');
    // Slow: disabled while the tick is in flight, so weak fairness allows spinning forever.
    const r = checkLiveness(liveSpec(ticker, { fairness: ['deliver', 'local', { local: '^finishes' }, { slow: '^finishes' }], network: 'multiset' }));
    expect(r.verdict).toBe('violation');
    const loop = r.trace?.steps.slice(r.trace.loop).map((s) => s.label);
    expect(loop).toContain('n spins up');
    expect(loop).toContain('deliver tick n→m');
    // Slow and strongly fair: enabled again and again, so it happens.
    const strong = checkLiveness(liveSpec(ticker, { fairness: ['deliver', 'local', { local: '^finishes', strong: true }, { slow: '^finishes' }], network: 'multiset' }));
    expect(strong.verdict).toBe('pass');
  });

  it('rejects "strong" on a slow rule', () => {
    expect(() => liveSpec(ticker, { fairness: [{ slow: 'x', strong: true }] })).toThrow(/timing rule/);
  });
});

describe('views', () => {
  it('with raw numbers the climb runs into its bound and every fair run wins', () => {
    const r = checkLiveness(liveSpec(climber, { fairness: ['local'] }));
    expect(r.verdict).toBe('pass');
    expect(r.states).toBe(4);
    expect(r.notes?.some((n) => n.includes('view'))).toBe(false);
  });

  it('with the view the climb is a cycle; the trace shows real numbers and says the verdict rests on the view', () => {
    const r = checkLiveness(liveSpec(climber, { fairness: ['local'], view: true }));
    expect(r.verdict).toBe('violation');
    expect(r.states).toBe(1);
    const t = r.trace;
    expect(t?.loop).toBe(0);
    expect(t?.steps.map((s) => s.label)).toEqual(['n climbs to 1']);
    expect(t?.steps[0].world.nodes[0].state).toBe(1);
    expect(t?.notes?.some((n) => n.includes('depends on a view'))).toBe(true);
    expect(t?.notes?.some((n) => n.includes('closes up to the view'))).toBe(true);
  });
});

describe('valence', () => {
  it('labels the initial world bivalent and finds a forever-bivalent fair run', () => {
    const r = checkLiveness(liveSpec(chooser, { fairness: ['local'], valence: true, expect: { violates: 'decided' } }));
    expect(r.verdict).toBe('violation');
    expect(r.asExpected).toBe(true);
    expect(r.notes?.some((n) => /3 undecided worlds .*: 2 bivalent, 1 v1-valent, 0 v2-valent/.test(n))).toBe(true);
    expect(r.notes?.some((n) => n.includes('a bivalent initial state exists'))).toBe(true);
    expect(r.trace?.steps.every((s) => s.label === 'n dithers')).toBe(true);
    expect(r.trace?.notes?.some((n) => n.startsWith('valence along the run') && n.includes('bivalent {v1, v2}'))).toBe(true);
  });

  it('no forever-bivalent run when deciding is fair', () => {
    const r = checkLiveness(liveSpec(chooser, { fairness: [{ local: '^decides v1' }], valence: true }));
    expect(r.verdict).toBe('pass');
  });
});

describe('spec fields', () => {
  it('rejects "eventually" without "fairness", bad rules, and views a protocol lacks', () => {
    expect(() => liveSpec(spinner, {})).toThrow(SpecError);
    expect(() => liveSpec(spinner, { fairness: ['sometimes'] })).toThrow(/fairness\[0\]/);
    expect(() => liveSpec(spinner, { fairness: [{ local: '(' }] })).toThrow(/fairness\[0\]\.local/);
    expect(() => liveSpec(spinner, { fairness: [{ local: 'x', nodes: ['zz'] }] })).toThrow(/unknown node/);
    expect(() => liveSpec(spinner, { fairness: [], view: true })).toThrow(/defines no view/);
    expect(() => liveSpec(spinner, { fairness: [], valence: true })).toThrow(/Protocol.decided/);
  });
});
