import { describe, expect, it } from 'vitest';
import { naiveBfs } from '../../bench/naive.js';
import { bfs } from '../../src/checker/bfs.js';
import { validateSpec, type LoadedSpec } from '../../src/checker/spec.js';
import { System } from '../../src/checker/system.js';
import { withoutReductions } from '../../src/checker/no-reduce.js';
import { findProtocol } from '../../src/model/registry.js';

const paxos = { acceptors: 2, proposers: 2, values: 2, maxRound: 1 };
const cases: [string, Record<string, unknown>][] = [
  ['paxos, set with a cut link and one cut or heal', { protocol: 'paxos', params: paxos, network: 'set', topology: { cut: [['a1', 'p2']] }, faults: { cuts: 1 } }],
  ['paxos, multiset with crash, restart, drop, duplicate', {
    protocol: 'paxos', params: paxos, network: 'multiset',
    faults: { crash: 1, restart: 1, drop: 1, duplicate: 1, nodes: ['a1'] },
  }],
  ['paxos, FIFO with amnesia and a duplicate', {
    protocol: 'paxos', params: paxos, network: 'fifo', properties: ['agreement'],
    faults: { crash: 1, amnesia: 1, duplicate: 1, nodes: ['a1'] },
  }],
  // Old requests are normalized (Protocol.normalize) and stale replies dropped; s3 restarts with its disk.
  ['raft, set, three terms, a crash and a restart', {
    protocol: 'raft', params: { servers: 3, maxTerm: 3, maxLog: 0, candidates: 2 }, network: 'set',
    faults: { crash: 1, restart: 1, nodes: ['s3'] },
  }],
  ['lease, time and skew', {
    protocol: 'lease', params: { nodes: 3, candidates: 2, duration: 3, margin: 1, maxRound: 1 }, network: 'set',
    time: { maxTime: 2, skew: 1 }, faults: { crash: 1, restart: 1, nodes: ['n1'] },
  }],
  // Clients: the ghost history is part of the world, and the history properties are checked.
  ['primary-backup, clients with retries, a crash, multiset with a drop', {
    protocol: 'primary-backup', params: { clients: 2, ops: 1, retries: 1 }, network: 'multiset',
    faults: { crash: 1, drop: 1, nodes: ['s1'] },
  }],
];

// Too small for the fingerprint comparison below (it wants a hundred worlds within six steps), compared with the reference only.
const small: [string, Record<string, unknown>][] = [
  // Membership changes: configurations in the log, a lone member, a removed leader stepping down; two changes per log.
  ['raft, single-server changes from two servers', {
    protocol: 'raft', params: { servers: 3, members: 2, maxTerm: 1, maxLog: 1, candidates: 1, reconfig: 'single', maxChanges: 2 }, network: 'set',
  }],
  ['raft, joint consensus from two servers, two terms', {
    protocol: 'raft', params: { servers: 3, members: 2, maxTerm: 2, maxLog: 0, candidates: 1, reconfig: 'joint' }, network: 'set',
  }],  // Multi-Paxos: a client's history, stale promises, acks and requests dropped; s1 crashes and restarts with its disk.
  ['multipaxos, one client with a retry, one slot, a crash and a restart', {
    protocol: 'multipaxos', params: { replicas: 3, candidates: 2, maxRound: 1, slots: 1, clients: 1, ops: 1, retries: 1 }, network: 'set',
    faults: { crash: 1, restart: 1, nodes: ['s1'] },
  }],
  // A sequencer, a write-once chain, clients that fill holes; the head may be dropped and a writer crash.
  ['shared-log, two writers, a failover, a client crash', {
    protocol: 'shared-log', params: { clients: 2, ops: 1, servers: 2, attempts: 2, failover: true }, network: 'set',
    faults: { crash: 1, nodes: ['c2'] },
  }],
];

const load = (raw: Record<string, unknown>): LoadedSpec => validateSpec('spec/x/differential.json', { expect: 'pass', ...raw }, findProtocol);

describe('the engine against the naive reference (bench/naive.ts)', () => {
  for (const [name, raw] of [...cases, ...small]) {
    it(`same distinct states and transitions: ${name}`, () => {
      const spec = load(raw);
      const fast = bfs(new System(spec.protocol, spec.config, spec.settings), spec.invariants, { limits: spec.limits });
      // The reference is slow; its time cap must not decide the test on a loaded machine.
      const naive = naiveBfs(spec, 600);
      expect(fast.status).toBe('exhausted');
      expect(naive.status).toBe('exhausted');
      expect(fast.states).toBe(naive.states);
      expect(fast.transitions).toBe(naive.transitions);
      expect(fast.depth).toBe(naive.depth);
    }, 300_000);
  }
});

// The reference shares the engine's trust in stale() and normalize() when both apply them: here neither does.
const unreduced: [string, Record<string, unknown>][] = [
  ['raft, set, two terms, one entry, one candidate, reductions off', { protocol: 'raft', params: { servers: 3, maxTerm: 2, maxLog: 1, candidates: 1 }, network: 'set' }],
  ['paxos, multiset with a crash and a restart, reductions off', {
    protocol: 'paxos', params: paxos, network: 'multiset', faults: { crash: 1, restart: 1, nodes: ['a1'] },
  }],  ['multipaxos, one client, one slot, reductions off', {
    protocol: 'multipaxos', params: { replicas: 3, candidates: 2, maxRound: 1, slots: 1, clients: 1, ops: 1, retries: 1 }, network: 'set',
  }],
  ['shared-log, a reader and a writer each, reductions off', {
    protocol: 'shared-log', params: { clients: 2, ops: 2, workload: 'get-put', servers: 2, attempts: 1, failover: false }, network: 'set',
  }],
];

describe('the engine against the naive reference with the reductions off', () => {
  for (const [name, raw] of unreduced) {
    it(`same distinct states and transitions: ${name}`, () => {
      const spec = withoutReductions(load(raw));
      const fast = bfs(new System(spec.protocol, spec.config, spec.settings), spec.invariants, { limits: spec.limits });
      const naive = naiveBfs(spec, 120);
      const reduced = load(raw);
      const on = bfs(new System(reduced.protocol, reduced.config, reduced.settings), reduced.invariants, { limits: reduced.limits });
      expect(fast.status).toBe('exhausted');
      expect(naive.status).toBe('exhausted');
      expect(fast.states).toBe(naive.states);
      expect(fast.transitions).toBe(naive.transitions);
      expect(fast.depth).toBe(naive.depth);
      // Off is a different, larger space: the comparison is not the reduced one again.
      expect(fast.states).toBeGreaterThan(on.states);
    }, 300_000);
  }
});

describe('incremental fingerprints', () => {
  for (const [name, raw] of cases) {
    it(`equal fingerprints computed from scratch: ${name}`, () => {
      const spec = load(raw);
      const sys = new System(spec.protocol, spec.config, spec.settings);
      let level = [sys.initialWorld()];
      const seen = new Set<string>();
      let compared = 0;
      let mismatches = 0;
      for (let depth = 0; depth < 6 && level.length > 0; depth++) {
        const next: Int32Array[] = [];
        for (const w of level) {
          sys.each(w, (len) => {
            // A self-loop leaves buf alone: the successor is w itself.
            const s = sys.selfLoop ? w.slice() : sys.buf.slice(0, len);
            const [hi, lo, vhi, vlo] = [sys.fpHi, sys.fpLo, sys.viewHi, sys.viewLo];
            sys.fingerprint(s);
            compared++;
            if (hi !== sys.fpHi || lo !== sys.fpLo || vhi !== sys.viewHi || vlo !== sys.viewLo) mismatches++;
            const key = s.join(',');
            if (!seen.has(key)) {
              seen.add(key);
              next.push(s);
            }
          });
        }
        level = next;
      }
      expect(compared).toBeGreaterThan(100);
      expect(mismatches).toBe(0);
    });
  }
});
