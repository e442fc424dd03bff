/**
 * Breadth-first search on worker threads. The coordinator (this thread)
 * runs the levels: every worker expands the states it claimed in the last
 * level, inserting successors into one shared visited table; a successor
 * belongs to the worker whose insert found it new, and goes into that
 * worker's next queue. So the states visited, and their number, do not
 * depend on how many workers there are; only which worker owns which state
 * does.
 *
 * Shortest counterexamples: all workers are in the same level, so every
 * state checked during level d is at depth d + 1, and every shallower state
 * was checked in an earlier level; the first violation any worker finds is
 * at minimal depth, and the search stops there.
 *
 * The table grows between levels (it cannot while threads probe it): before
 * each level it is made large enough for what the last level suggests, and
 * a worker that still finds it too full mid-level keeps its successors aside
 * until the level ends and the table has grown.
 *
 * The call is synchronous: this thread blocks in Atomics.wait between
 * progress reports, like the single-threaded search, so callers need not
 * change.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { LimitKind, Progress, SearchResult } from '../bfs.js';
import { collisionProbability, defaultMemoryCeiling, memoryInUse } from '../bfs.js';
import { interruptedBy } from '../interrupt.js';
import type { LoadedSpec } from '../spec.js';
import type { SearchLimits } from '../settings.js';
import { findProtocol } from '../../model/registry.js';
import { ModelError } from '../model-error.js';
import { SystemError } from '../system.js';
import { GROWTH, MAX_LOAD } from '../visited.js';
import { Witnesses } from '../witnesses.js';
import {
  ARG, CMD, Cmd, COUNT, CTRL_SLOTS, CUT, DEFERRED, DONE, ERROR, FLUSH_EVERY, GEN, HARD_LIMIT, MAX_DEPTH, MAX_STATES, PREFIX_DEPTH, READY, RES_ORDINAL,
  RES_PARENT, S_DEFERRED, S_GROUP, S_WITNESSES, S_PARENT_BYTES, S_QUEUE, S_STATES, S_TRANSITIONS, S_VIOLATION, STAT_SLOTS, STOP, Stop, WINNER,
  type WorkerInput, type WorkerNote,
} from './control.js';
import { SharedTable } from './shared-table.js';

export interface ParallelOptions {
  readonly workers: number;
  readonly limits: SearchLimits;
  readonly symmetry?: boolean;
  /** false: workers switch the model's message reductions off too. */
  readonly reduce?: boolean;
  readonly onProgress?: (p: Progress) => void;
  readonly progressEvery?: number;
  /**
   * Room made before a level, as a multiple of the last level's new states
   * (default 2). Tests set it to 0 to exercise deferral.
   */
  readonly headroom?: number;
}

/** Past this fill a worker defers instead of inserting (linear probing is still cheap at 0.9). */
const HARD_LOAD = 0.9;

/** The compiled worker script. Under a TypeScript runner (tests) this module is src/…/search.ts: use the build's copy. */
function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = fileURLToPath(here).replace(/([\\/])src([\\/]checker[\\/]parallel[\\/])worker\.js$/, '$1dist$1src$2worker.js');
  if (existsSync(built)) return pathToFileURL(built);
  throw new SystemError(`parallel search needs the compiled worker (${fileURLToPath(here)}); run \`npx tsc -p tsconfig.json\``);
}

/**
 * Whether a spec can be searched by workers: they rebuild it from its JSON,
 * with the protocol from the registry or from the same module. A protocol
 * handed over as an object (library callers) has no source a worker can
 * import, so its spec is searched in this thread.
 */
export function parallelizable(spec: LoadedSpec): boolean {
  if (Object.keys(spec.raw).length === 0 || typeof spec.raw.protocol !== 'string') return false;
  return spec.protocolModule !== undefined || findProtocol(spec.raw.protocol) === spec.protocol;
}

export function parallelBfs(spec: LoadedSpec, options: ParallelOptions): SearchResult {
  const W = options.workers;
  const headroom = options.headroom ?? 2;
  const { limits } = options;
  const start = performance.now();
  const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_SLOTS * 4));
  const statsBuf = new SharedArrayBuffer(W * STAT_SLOTS * 8);
  const stats = new Float64Array(statsBuf);
  let table = SharedTable.create(headroom === 0 ? 16 : 1 << 16);
  ctrl[WINNER] = -1;
  ctrl[MAX_STATES] = Math.min(limits.maxStates, 0x7fffffff);
  ctrl[MAX_DEPTH] = Math.min(limits.maxDepth, 0x7fffffff);
  ctrl[HARD_LIMIT] = Math.floor(table.capacity * HARD_LOAD);
  for (let w = 0; w < W; w++) stats[w * STAT_SLOTS + S_VIOLATION] = -1;

  const url = workerUrl();
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let index = 0; index < W; index++) {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput & { port: MessagePort } = {
      index,
      workers: W,
      file: spec.file,
      raw: spec.raw,
      protocolModule: spec.protocolModule ?? null,
      symmetry: options.symmetry === true,
      reduce: options.reduce !== false,
      ctrl: ctrl.buffer as SharedArrayBuffer,
      stats: statsBuf,
      table: table.buffer,
      port: port2,
    };
    workers.push(new Worker(url, { workerData: input, transferList: [port2] }));
    ports.push(port1);
  }

  const progressEvery = (options.progressEvery ?? 1) * 1000;
  let lastProgress = start;
  let depth = 0;
  const sum = (slot: number): number => {
    let s = 0;
    for (let w = 0; w < W; w++) s += stats[w * STAT_SLOTS + slot];
    return s;
  };
  const memory = memoryInUse;
  const notes = (w: number): WorkerNote[] => {
    const out: WorkerNote[] = [];
    for (let m = receiveMessageOnPort(ports[w]); m !== undefined; m = receiveMessageOnPort(ports[w])) out.push(m.message as WorkerNote);
    return out;
  };
  const failIfError = (): void => {
    if (Atomics.load(ctrl, ERROR) === 0) return;
    for (let w = 0; w < W; w++) {
      for (const n of notes(w)) {
        if (n.kind !== 'error') continue;
        shutdown();
        const e =
          n.name === 'SystemError' ? new SystemError(n.message) : n.name === 'ModelError' ? new ModelError(n.message) : new Error(`worker ${w}: ${n.message}`);
        e.stack = n.stack;
        throw e;
      }
    }
  };

  /** Runs one command on every worker and waits for all, reporting progress and enforcing the time and memory limits. */
  const command = (cmd: Cmd): void => {
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, CMD, cmd);
    Atomics.add(ctrl, GEN, 1);
    Atomics.notify(ctrl, GEN);
    for (;;) {
      const done = Atomics.load(ctrl, DONE);
      if (done >= W) break;
      Atomics.wait(ctrl, DONE, done, 100);
      const now = performance.now();
      if (now - start > limits.timeLimit * 1000) Atomics.compareExchange(ctrl, STOP, Stop.None, Stop.Time);
      if (memory() > (limits.maxMemory ?? defaultMemoryCeiling)) Atomics.compareExchange(ctrl, STOP, Stop.None, Stop.Memory);
      if (interruptedBy() !== 0) Atomics.compareExchange(ctrl, STOP, Stop.None, Stop.Interrupted);
      if (options.onProgress !== undefined && now - lastProgress >= progressEvery) {
        lastProgress = now;
        options.onProgress({
          states: Atomics.load(ctrl, COUNT),
          transitions: sum(S_TRANSITIONS),
          depth: depth + 1,
          queue: sum(S_QUEUE),
          seconds: (now - start) / 1000,
          memory: memory(),
        });
      }
    }
    failIfError();
  };
  const shutdown = (): void => {
    Atomics.store(ctrl, CMD, Cmd.Exit);
    Atomics.add(ctrl, GEN, 1);
    Atomics.notify(ctrl, GEN);
    for (const w of workers) w.unref();
    for (const p of ports) p.close();
  };
  /** Grows the table to hold `expected` states below the load limit; tells the workers. */
  const ensureRoom = (expected: number): void => {
    let cap = table.capacity;
    while (expected > cap * MAX_LOAD) cap = Math.ceil(cap * GROWTH);
    if (cap === table.capacity) return;
    table = table.grownTo(cap);
    Atomics.store(ctrl, HARD_LIMIT, Math.floor(table.capacity * HARD_LOAD));
    for (const p of ports) p.postMessage({ table: table.buffer });
    command(Cmd.Table);
  };

  while (Atomics.load(ctrl, READY) < W) {
    Atomics.wait(ctrl, READY, Atomics.load(ctrl, READY), 100);
    failIfError();
  }
  command(Cmd.Init);
  depth = Atomics.load(ctrl, PREFIX_DEPTH);

  let limit: LimitKind | undefined;
  let lastNew = 1;
  for (;;) {
    if (Atomics.load(ctrl, STOP) !== Stop.None) break;
    const queued = sum(S_QUEUE);
    if (queued === 0) break;
    if (depth >= limits.maxDepth) {
      command(Cmd.Probe);
      if (Atomics.load(ctrl, CUT) === 1) limit = 'depth';
      break;
    }
    const before = Atomics.load(ctrl, COUNT);
    // Room for a level as large as the last one's growth suggests.
    ensureRoom(before + Math.max(headroom === 0 ? 0 : W * FLUSH_EVERY, headroom * lastNew));
    command(Cmd.Level);
    while (Atomics.load(ctrl, DEFERRED) === 1 && Atomics.load(ctrl, STOP) === Stop.None) {
      Atomics.store(ctrl, DEFERRED, 0);
      // Room for every deferred successor even if all are new, beyond the workers' unflushed claims.
      ensureRoom(Atomics.load(ctrl, COUNT) + sum(S_DEFERRED) + W * FLUSH_EVERY);
      command(Cmd.Resolve);
    }
    lastNew = Atomics.load(ctrl, COUNT) - before;
    if (lastNew > 0 || Atomics.load(ctrl, STOP) === Stop.Violation) depth++;
  }

  const stop = Atomics.load(ctrl, STOP) as Stop;
  if (stop === Stop.States) limit = 'states';
  else if (stop === Stop.Memory) limit = 'memory';
  else if (stop === Stop.Time) limit = 'time';
  else if (stop === Stop.Interrupted) limit = 'interrupted';
  const states = Atomics.load(ctrl, COUNT);
  const transitions = sum(S_TRANSITIONS);
  const witnesses = new Witnesses(spec.config, spec.reachable ?? []);
  for (let w = 0; w < W; w++) witnesses.merge(stats[w * STAT_SLOTS + S_WITNESSES]);
  const common = {
    states,
    transitions,
    depth,
    seconds: (performance.now() - start) / 1000,
    bytesPerState: (table.bytes + sum(S_PARENT_BYTES)) / Math.max(1, states),
    collisionProbability: collisionProbability(states, transitions, Math.max(1, stats[S_GROUP])),
    workers: W,
    ...(stats[S_GROUP] > 0 ? { symmetryGroup: stats[S_GROUP] } : {}),
    unreached: witnesses.unreached(),
  };
  if (stop === Stop.Violation) {
    const winner = Atomics.load(ctrl, WINNER);
    const note = notes(winner).find((n) => n.kind === 'violation');
    if (note === undefined || note.kind !== 'violation') throw new Error('parallel search: violation without its details');
    const path: number[] = [];
    for (let g = stats[winner * STAT_SLOTS + S_VIOLATION]; g !== 0; ) {
      Atomics.store(ctrl, ARG, g);
      command(Cmd.Parent);
      path.push(Atomics.load(ctrl, RES_ORDINAL));
      g = Atomics.load(ctrl, RES_PARENT) >>> 0;
    }
    shutdown();
    return {
      ...common,
      status: 'violation',
      broken: { property: note.property, violation: { message: note.message, witnesses: note.witnesses } },
      path: path.reverse(),
    };
  }
  shutdown();
  if (limit !== undefined) return { ...common, status: 'limit', limit };
  return { ...common, status: 'exhausted' };
}
