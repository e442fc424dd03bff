import { describe, expect, it } from 'vitest';
import { ModelConfigError } from '../../../src/model/contract.js';
import { configure } from '../../../src/model/raft-kv/params.js';

describe('configure', () => {
  it('builds the Raft underneath, the clients and their workload', () => {
    const c = configure({ servers: 3, candidates: 1, clients: 2, ops: 2 }, []);
    expect(c.servers).toEqual(['s1', 's2', 's3']);
    expect(c.raft.candidates).toEqual(['s1']);
    expect(c.raft.reconfig).toBe('none');
    expect(c.clients).toEqual(['c1', 'c2']);
    expect(c.workload.c2).toEqual([{ op: 'put', key: 'x', value: 3 }, { op: 'get', key: 'x' }]);
    expect(c.reads).toBe('log');
  });

  it('sizes the lease E − 4ε, or E with bug leaseIgnoresSkew', () => {
    expect(configure({ reads: 'lease', timeout: 6, margin: 1 }, []).leaseLength).toBe(2);
    expect(configure({ reads: 'lease', timeout: 6, margin: 1 }, ['leaseIgnoresSkew']).leaseLength).toBe(6);
  });

  it('refuses combinations that cannot run, naming the field', () => {
    const field = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ModelConfigError);
        return (e as ModelConfigError).field;
      }
      return 'none';
    };
    expect(field(() => configure({ reads: 'lease', timeout: 4, margin: 1 }, []))).toBe('timeout');
    expect(field(() => configure({}, ['noNoop']))).toBe('bugs');
    expect(field(() => configure({ reads: 'readIndex' }, ['leaseIgnoresSkew']))).toBe('bugs');
    expect(field(() => configure({}, ['typo']))).toBe('bugs');
    expect(field(() => configure({ reads: 'fast' }, []))).toBe('reads');
    expect(field(() => configure({ candidates: 4 }, []))).toBe('candidates');
    expect(field(() => configure({ servers: 9 }, []))).toBe('servers');
  });
});
