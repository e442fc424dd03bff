/**
 * Exhaustive breadth-first search. Levels are explored in order, so the first
 * violating state found is at minimal depth: its trace is a shortest
 * counterexample.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Invariant, Predicate } from '../model/contract.js';
import { interruptedBy } from './interrupt.js';
import { InvariantCache } from './invariant-cache.js';
import type { Broken } from './invariants.js';
import { ParentStore } from './parents.js';
import { WorldQueue } from './queue.js';
import type { SearchLimits } from './settings.js';
import { SymmetryReducer } from './symmetry.js';
import type { System } from './system.js';
import { FingerprintSet } from './visited.js';
import { Witnesses } from './witnesses.js';

/** 'interrupted': a signal asked the run to stop (src/checker/interrupt.ts). */
export type LimitKind = 'depth' | 'states' | 'time' | 'memory' | 'interrupted';

export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly queue: number;
  readonly seconds: number;
  readonly memory: number;
}

export interface SearchResult {
  readonly status: 'exhausted' | 'violation' | 'limit';
  readonly limit?: LimitKind;
  readonly states: number;
  readonly transitions: number;
  /** Depth of the deepest state discovered. */
  readonly depth: number;
  readonly seconds: number;
  readonly broken?: Broken;
  /** Successor ordinals from the initial world to the violating one. */
  readonly path?: readonly number[];
  /** Bytes of the visited table and the parent links at the end. */
  readonly bytesPerState: number;
  /** Optimistic estimate, as TLC gives it: states × (transitions − states) / 2^64 (× the symmetry group's size). */
  readonly collisionProbability: number;
  /** With symmetry reduction: the number of permutations in the group. */
  readonly symmetryGroup?: number;
  /** Worker threads that ran the search (absent: this thread). */
  readonly workers?: number;
  /** The reachability witnesses (SearchOptions.reachable) no world visited satisfied. */
  readonly unreached?: readonly string[];
}

export interface SearchOptions {
  readonly limits: SearchLimits;
  readonly onProgress?: (p: Progress) => void;
  /** Seconds between progress reports. */
  readonly progressEvery?: number;
  /** Fingerprint each world's symmetry class, not the world (the protocol must declare a symmetry). */
  readonly symmetry?: boolean;
  /** Reachability witnesses: the result lists those no visited world satisfies. */
  readonly reachable?: readonly Predicate<unknown, unknown, unknown>[];
}

/** The process's resident memory (all threads): what the machine actually gives the search. */
export function memoryInUse(): number {
  return process.memoryUsage.rss();
}

/** Past this much JS heap V8 would abort the process; stop cleanly before. */
const heapCeiling = 0.9 * getHeapStatistics().heap_size_limit;

/**
 * Without --max-memory, the most resident memory a search may hold: 85% of
 * what the machine (or the cgroup the process runs in) has. The typed arrays
 * of the visited table and the queues live outside the JS heap, so the
 * heap's limit alone would let them grow until the OS kills the process.
 */
export const defaultMemoryCeiling = (() => {
  // process.constrainedMemory (Node ≥ 19.6): the cgroup's limit, or 0 / undefined when there is none.
  const cgroup = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const machine = totalmem();
  return 0.85 * (cgroup !== undefined && cgroup > 0 && cgroup < machine ? cgroup : machine);
})();

/** Whether a search should stop for memory: resident memory (typed arrays and queues included) over the bound, or this thread's JS heap near V8's limit. */
export function overMemory(maxMemory: number | undefined): boolean {
  return memoryInUse() > (maxMemory ?? defaultMemoryCeiling) || process.memoryUsage().heapUsed > heapCeiling;
}

/** Whether an error is an allocation the machine refused (a typed array, an array grown past what it gives): the search stops at the memory limit. */
export function refusedMemory(e: unknown): boolean {
  return e instanceof RangeError && /Array buffer allocation failed|Invalid typed array length|Invalid array length|Array buffer allocation/i.test(e.message);
}

/**
 * TLC's optimistic estimate: n distinct states among t fingerprint look-ups
 * (one per transition), 64-bit fingerprints: n × (t − n) / 2^64. Under
 * symmetry reduction a class is fingerprinted as the least of its `group`
 * images' fingerprints, which crowds canonical fingerprints into the low
 * 1/group of the range: the estimate is multiplied by the group size.
 */
export function collisionProbability(states: number, transitions: number, group = 1): number {
  return (states * Math.max(0, transitions - states) * group) / 2 ** 64;
}

export function bfs(sys: System, invariants: readonly Invariant<unknown, unknown, unknown>[], options: SearchOptions): SearchResult {
  const { limits } = options;
  const start = performance.now();
  const visited = new FingerprintSet();
  const parents = new ParentStore();
  const checks = new InvariantCache(sys, invariants);
  const witnesses = new Witnesses(sys.config, options.reachable ?? []);
  const group = options.symmetry === true ? new SymmetryReducer(sys) : null;
  // A group with the identity alone reduces nothing: skip the canonicalisation.
  const canon = group !== null && group.size > 1 ? group : null;
  let transitions = 0;
  let depth = 0;
  let broken: Broken | undefined;
  let brokenAt = -1;
  let limit: LimitKind | undefined;

  const init = sys.initialWorld();
  sys.fingerprint(init);
  const initView = [sys.viewHi, sys.viewLo];
  if (canon !== null) canon.canonical(init);
  visited.add(canon === null ? sys.fpHi : canon.hi, canon === null ? sys.fpLo : canon.lo);
  parents.add(0, 0);
  const initBroken = checks.check(init, initView[0], initView[1]);
  witnesses.see(() => sys.view(init));
  if (initBroken !== null) {
    broken = initBroken;
    brokenAt = 0;
  }

  let current = new WorldQueue();
  current.push(0, init);
  let next = new WorldQueue();
  let parentIndex = 0;
  let ordinal = 0;
  let expansions = 0;
  let lastProgress = start;
  let lastMemoryCheck = start;
  const progressEvery = (options.progressEvery ?? 1) * 1000;

  const visit = (len: number): void => {
    const ord = ordinal++;
    transitions++;
    if (broken !== undefined) return;
    // A world's self-loop leads back to it, and it is visited.
    if (sys.selfLoop) return;
    const viewHi = sys.viewHi;
    const viewLo = sys.viewLo;
    const w = sys.buf;
    if (canon === null) {
      if (!visited.add(sys.fpHi, sys.fpLo)) return;
    } else {
      canon.successor(w);
      if (!visited.add(canon.hi, canon.lo)) return;
    }
    const index = parents.add(parentIndex, ord);
    const b = checks.check(w, viewHi, viewLo);
    if (witnesses.pending) witnesses.see(() => sys.view(w));
    if (b !== null) {
      broken = b;
      brokenAt = index;
      return;
    }
    next.push(index, w, len);
  };

  try {
    while (broken === undefined && current.length > 0) {
      if (depth >= limits.maxDepth) {
        // Expand the last level only to learn whether the bound cut anything off.
        let cut = false;
        const probe = (): void => {
          if (sys.selfLoop) return;
          let hi = sys.fpHi;
          let lo = sys.fpLo;
          if (canon !== null) {
            canon.successor(sys.buf);
            hi = canon.hi;
            lo = canon.lo;
          }
          if (!visited.has(hi, lo)) cut = true;
        };
        while (!cut && current.shift() >= 0) {
          if (canon !== null) canon.prepare(current.world);
          sys.each(current.world, probe);
        }
        if (cut) limit = 'depth';
        break;
      }
      for (let index = current.shift(); index >= 0 && broken === undefined; index = current.shift()) {
        parentIndex = index;
        ordinal = 0;
        if (canon !== null) canon.prepare(current.world);
        sys.each(current.world, visit);
        if ((++expansions & 1023) === 0) {
          const now = performance.now();
          if (parents.size >= limits.maxStates) limit = 'states';
          else if (now - start > limits.timeLimit * 1000) limit = 'time';
          else if (interruptedBy() !== 0) limit = 'interrupted';
          else if (now - lastMemoryCheck >= 250) {
            // process.memoryUsage() costs tens of microseconds: a few times a second is enough.
            lastMemoryCheck = now;
            if (overMemory(limits.maxMemory)) limit = 'memory';
          }
          if (options.onProgress !== undefined && now - lastProgress >= progressEvery) {
            lastProgress = now;
            options.onProgress({
              states: parents.size,
              transitions,
              depth: depth + 1,
              queue: current.length + next.length,
              seconds: (now - start) / 1000,
              memory: memoryInUse(),
            });
          }
          if (limit !== undefined) break;
        }
      }
      if (limit !== undefined) break;
      if (next.length > 0 || broken !== undefined) depth++;
      current = next;
      next = new WorldQueue();
    }
  } catch (e) {
    // A typed array the machine would not give: stop with what was found, as for --max-memory.
    if (!refusedMemory(e)) throw e;
    limit = 'memory';
    current = new WorldQueue();
    next = new WorldQueue();
  }

  const states = parents.size;
  const seconds = (performance.now() - start) / 1000;
  const common = {
    states,
    transitions,
    depth,
    seconds,
    bytesPerState: (visited.bytes + parents.bytes) / states,
    collisionProbability: collisionProbability(states, transitions, canon === null ? 1 : canon.size),
    ...(group === null ? {} : { symmetryGroup: group.size }),
    ...(options.reachable === undefined ? {} : { unreached: witnesses.unreached() }),
  };
  if (broken !== undefined) return { ...common, status: 'violation', broken, path: parents.path(brokenAt) };
  if (limit !== undefined) return { ...common, status: 'limit', limit };
  return { ...common, status: 'exhausted' };
}
