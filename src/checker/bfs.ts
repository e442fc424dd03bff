/**
 * Exhaustive breadth-first search. Levels are explored in order, so the first
 * violating state found is at minimal depth: its trace is a shortest
 * counterexample.
 */
import type { Invariant } from '../model/contract.js';
import { firstBroken, type Broken } from './invariants.js';
import { ParentStore } from './parents.js';
import { WorldQueue } from './queue.js';
import type { SearchLimits } from './settings.js';
import type { Act, System } from './system.js';
import { FingerprintSet } from './visited.js';

export type LimitKind = 'depth' | 'states' | 'time' | 'memory';

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
  /** Optimistic estimate, as TLC gives it: states × (transitions − states) / 2^64. */
  readonly collisionProbability: number;
}

export interface SearchOptions {
  readonly limits: SearchLimits;
  readonly onProgress?: (p: Progress) => void;
  /** Seconds between progress reports. */
  readonly progressEvery?: number;
}

function memoryInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function bfs(sys: System, invariants: readonly Invariant<unknown, unknown, unknown>[], options: SearchOptions): SearchResult {
  const { limits } = options;
  const start = performance.now();
  const visited = new FingerprintSet();
  const parents = new ParentStore();
  let transitions = 0;
  let depth = 0;
  let broken: Broken | undefined;
  let brokenAt = -1;
  let limit: LimitKind | undefined;

  const init = sys.initialWorld();
  sys.fingerprint(init);
  visited.add(sys.fpHi, sys.fpLo);
  parents.add(0, 0);
  const initBroken = firstBroken(sys.config, invariants, sys.view(init));
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
  const progressEvery = (options.progressEvery ?? 1) * 1000;

  const discover = (w: Int32Array): void => {
    const ord = ordinal++;
    transitions++;
    if (broken !== undefined) return;
    sys.fingerprint(w);
    if (!visited.add(sys.fpHi, sys.fpLo)) return;
    const index = parents.add(parentIndex, ord);
    const b = firstBroken(sys.config, invariants, sys.view(w));
    if (b !== null) {
      broken = b;
      brokenAt = index;
      return;
    }
    next.push(index, w);
  };
  const sink = (w: Int32Array, _act: Act, _a: number, _b: number): void => discover(w);

  while (broken === undefined && current.length > 0) {
    if (depth >= limits.maxDepth) {
      // Expand the last level only to learn whether the bound cut anything off.
      let cut = false;
      const probe = (w: Int32Array): void => {
        sys.fingerprint(w);
        if (!visited.has(sys.fpHi, sys.fpLo)) cut = true;
      };
      while (!cut && current.shift() >= 0) sys.expand(current.world, probe);
      if (cut) limit = 'depth';
      break;
    }
    for (let index = current.shift(); index >= 0 && broken === undefined; index = current.shift()) {
      parentIndex = index;
      ordinal = 0;
      sys.expand(current.world, sink);
      if ((++expansions & 1023) === 0) {
        const now = performance.now();
        if (parents.size >= limits.maxStates) limit = 'states';
        else if (now - start > limits.timeLimit * 1000) limit = 'time';
        else if (limits.maxMemory !== undefined && (expansions & 65535) === 0 && memoryInUse() > limits.maxMemory) limit = 'memory';
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

  const states = parents.size;
  const seconds = (performance.now() - start) / 1000;
  const common = {
    states,
    transitions,
    depth,
    seconds,
    bytesPerState: (visited.bytes + parents.bytes) / states,
    collisionProbability: (states * Math.max(0, transitions - states)) / 2 ** 64,
  };
  if (broken !== undefined) return { ...common, status: 'violation', broken, path: parents.path(brokenAt) };
  if (limit !== undefined) return { ...common, status: 'limit', limit };
  return { ...common, status: 'exhausted' };
}
