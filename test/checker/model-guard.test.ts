/** The model contract, enforced: every way a model can break it stops the check with one line naming node, step and path. */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/checker/load-spec.js';
import { ModelError } from '../../src/checker/model-error.js';
import { checkSpec } from '../../src/checker/run.js';

const file = 'test/checker/fixtures/guard.json';
const run = async (exportName: string, raw: Record<string, unknown> = {}) =>
  checkSpec(await loadSpec(file, { protocol: `./flawed-models.mjs#${exportName}`, expect: 'pass', ...raw }));
const failure = async (exportName: string, raw: Record<string, unknown> = {}): Promise<string> => {
  try {
    await run(exportName, raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    const m = (e as Error).message;
    expect(m).not.toContain('\n');
    return m;
  }
  throw new Error(`${exportName}: no model error`);
};

describe('the data guard', () => {
  it('passes a model that keeps to the contract, with the states counted by hand', async () => {
    // a idle and b empty; a has pinged (the ping in flight); b has it (the ping stays: a set network only grows).
    const r = await run('fine');
    expect(r.verdict).toBe('pass');
    expect(r.states).toBe(3);
  });

  it('names the node, the step and the path of a Set in a state', async () => {
    expect(await failure('setState')).toBe('set-state: b: handle(ping from a): state.yes is a Set, not data');
  });

  it('names the rule that mutates its input, where it does it', async () => {
    const m = await failure('mutates');
    expect(m).toMatch(/^mutates: b: handle\(ping from a\) mutates a value it was given in onPing \(fixtures\/flawed-models\.mjs:\d+\)/);
    expect(m).toContain('rules must return new values');
  });

  it.each([
    ['mapMessage', 'map-message: a: local step "pings b": message.seen is a Map, not data'],
    ['dateState', 'date-state: b: handle(ping from a): state.at is a Date, not data'],
    ['classState', 'class-state: b: handle(ping from a): state.votes is a Votes, not data'],
    ['functionState', 'function-state: b: handle(ping from a): state.next is a function (next), not data'],
    ['undefinedState', 'undefined-state: b: handle(ping from a): state.leader is undefined, not data'],
    ['nanState', 'nan-state: b: handle(ping from a): state.load[1] is NaN, not data'],
    ['infinityInit', 'infinity-init: a: init: state.timeout is Infinity, not data'],
    ['sparseState', 'sparse-state: b: handle(ping from a): state.log[1] is a hole (a sparse array), not data'],
    ['symbolKey', 'symbol-key: b: handle(ping from a): state has a symbol key (Symbol(id)), not data'],
    ['cycle', 'cycle: b: handle(ping from a): state.peers[0] refers back to itself (a cycle), not data'],
    ['unknownNode', 'unknown-node: a: local step "pings c" sent a message to unknown node "c" (nodes: a, b)'],
    ['noStep', 'no-step: b: handle(ping from a) must return { state, send } or a list of { label, state, send } outcomes (got undefined)'],
  ])('%s', async (name, message) => {
    expect(await failure(name)).toBe(message);
  });

  it('checks persisted values when a node crashes', async () => {
    expect(await failure('mapPersisted', { network: 'multiset', faults: { crash: 1 } })).toBe('map-persisted: a: persisted: persisted value.disk is a Map, not data');
  });

  it('reports a rule that throws, with its source line', async () => {
    expect(await failure('throws')).toMatch(/^throws: b: handle\(ping from a\) threw Error: boom in onPing \(fixtures\/flawed-models\.mjs:\d+\)$/);
  });
});
