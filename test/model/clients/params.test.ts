import { describe, expect, it } from 'vitest';
import { clientParams, clientsPart } from '../../../src/model/clients/params.js';

describe('client parameters', () => {
  it('declares clients, ops, keys, workload and retries, with the protocol\'s ops default and retry target', () => {
    const defs = clientParams(3, 'the next candidate');
    expect(defs.map((d) => `${d.name}=${d.default}`)).toEqual(['clients=2', 'ops=3', 'keys=1', 'workload=put-get', 'retries=1']);
    expect(defs[4].description).toBe('timeouts per operation: each retries at the next candidate');
    expect(defs[1].max).toBe(4);
    expect(clientParams(2, 'the next server', 10000)[1].max).toBe(10000);
  });

  it('builds the clients, their workloads and the retry budget', () => {
    expect(clientsPart({ clients: 2, ops: 1, keys: 1, workload: 'cas-get', retries: 0 })).toEqual({
      clients: ['c1', 'c2'],
      workload: { c1: [{ op: 'cas', key: 'x', from: null, to: 1 }], c2: [{ op: 'cas', key: 'x', from: null, to: 2 }] },
      retries: 0,
    });
    expect(clientsPart({ clients: 0, ops: 1, keys: 1, workload: 'put-get', retries: 1 }).clients).toEqual([]);
  });
});
