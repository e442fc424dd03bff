import { freeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { describeClient, initClient, invokeSteps, onReply, timeoutSteps } from '../../../src/model/clients/client.js';
import type { ClientConfig, ClientState } from '../../../src/model/clients/types.js';
import { kvWorkload } from '../../../src/model/clients/workload.js';

const cfg: ClientConfig = freeze({ servers: ['s1', 's2'], workload: kvWorkload(['c1', 'c2'], 2, 1, 'put-get'), retries: 1 }, true);
const cl = (s: Partial<ClientState>): ClientState => freeze({ ...initClient(), ...s }, true);

describe('workloads', () => {
  it('put-get: distinct values per write, pairs on one key, key after key', () => {
    expect(kvWorkload(['c1', 'c2'], 2, 1, 'put-get')).toEqual({
      c1: [{ op: 'put', key: 'x', value: 1 }, { op: 'get', key: 'x' }],
      c2: [{ op: 'put', key: 'x', value: 3 }, { op: 'get', key: 'x' }],
    });
    expect(kvWorkload(['c1'], 4, 2, 'get-put').c1).toEqual([
      { op: 'get', key: 'x' }, { op: 'put', key: 'x', value: 2 }, { op: 'get', key: 'y' }, { op: 'put', key: 'y', value: 4 },
    ]);
    expect(kvWorkload(['c1'], 1, 1, 'cas-get').c1).toEqual([{ op: 'cas', key: 'x', from: null, to: 1 }]);
  });
});

describe('client', () => {
  it('invokes its next command at the first server, and says so to the checker', () => {
    const [step] = invokeSteps(cfg, 'c2', cl({}));
    expect(step.state).toEqual({ role: 'client', next: 1, waiting: true, target: 0, retried: 0 });
    expect(step.send).toEqual([{ to: 's1', msg: { t: 'req', seq: 0, cmd: { op: 'put', key: 'x', value: 3 } } }]);
    expect(step.invoke).toEqual({ op: 'put', key: 'x', value: 3 });
    expect(step.timer).toBe('request');
  });

  it('invokes nothing while waiting or when its workload is done', () => {
    expect(invokeSteps(cfg, 'c1', cl({ next: 1, waiting: true }))).toEqual([]);
    expect(invokeSteps(cfg, 'c1', cl({ next: 2 }))).toEqual([]);
  });

  it('times out and sends the same request, same number, to the next server, within its retries', () => {
    const [step] = timeoutSteps(cfg, 'c1', cl({ next: 2, waiting: true }));
    expect(step.state).toEqual({ role: 'client', next: 2, waiting: true, target: 1, retried: 1 });
    expect(step.send).toEqual([{ to: 's2', msg: { t: 'req', seq: 1, cmd: { op: 'get', key: 'x' } } }]);
    expect(step.invoke).toBeUndefined();
    expect(step.timer).toBe('retry');
    expect(timeoutSteps(cfg, 'c1', cl({ next: 2, waiting: true, retried: 1 }))).toEqual([]);
    expect(timeoutSteps(cfg, 'c1', cl({ next: 2 }))).toEqual([]);
  });

  it('completes its operation on the reply to the outstanding request, and only that one', () => {
    const s = cl({ next: 2, waiting: true });
    expect(onReply(s, { t: 'resp', seq: 1, out: null })).toEqual({ state: { ...s, waiting: false }, send: [], respond: null });
    expect(onReply(s, { t: 'resp', seq: 0, out: 'ok' })).toEqual({ state: s, send: [] });
    const idle = cl({ next: 2 });
    expect(onReply(idle, { t: 'resp', seq: 1, out: 1 }).state).toBe(idle);
  });

  it('describes itself', () => {
    expect(describeClient(cfg, 'c1', cl({ next: 1, waiting: true }))).toBe('waiting for put(x, 1) from s1');
    expect(describeClient(cfg, 'c1', cl({ next: 1 }))).toBe('idle, next get(x)');
    expect(describeClient(cfg, 'c1', cl({ next: 2 }))).toBe('done');
  });
});
