/**
 * A search worker: its own System (its own interned ids and memo tables;
 * fingerprints are content hashes, so all workers agree on them), the shared
 * visited table, and the states it claimed first in its own queues. Runs
 * the coordinator's commands one at a time, blocking in Atomics.wait
 * between them.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { AnyProtocol } from '../../model/contract.js';
import { findProtocol } from '../../model/registry.js';
import { overMemory, refusedMemory } from '../bfs.js';
import { InvariantCache } from '../invariant-cache.js';
import type { Broken } from '../invariants.js';
import { ParentStore } from '../parents.js';
import { importProtocol } from '../protocol-source.js';
import { WorldQueue } from '../queue.js';
import { withoutReductions } from '../no-reduce.js';
import { validateSpec } from '../spec.js';
import { SymmetryReducer } from '../symmetry.js';
import { System } from '../system.js';
import { FingerprintSet } from '../visited.js';
import { Witnesses } from '../witnesses.js';
import {
  ARG, CMD, Cmd, COUNT, CUT, DEFERRED, DONE, ERROR, FLUSH_EVERY, GEN, HARD_LIMIT, MAX_DEPTH, MAX_STATES, PREFIX_DEPTH, READY, RES_ORDINAL, RES_PARENT,
  S_DEFERRED, S_GROUP, S_WITNESSES, S_PARENT_BYTES, S_QUEUE, S_STATES, S_TRANSITIONS, S_VIOLATION, STAT_SLOTS, STOP, Stop, WINNER,
  type WorkerInput, type WorkerNote,
} from './control.js';
import { SharedTable } from './shared-table.js';

const input = workerData as WorkerInput & { readonly port: MessagePort };
const me = input.index;
const W = input.workers;
const ctrl = new Int32Array(input.ctrl);
const stats = new Float64Array(input.stats).subarray(me * STAT_SLOTS, (me + 1) * STAT_SLOTS);
const port = input.port;
/** The prefix search runs until a level holds this many states per worker. */
const PREFIX_PER_WORKER = 256;

function post(note: WorkerNote): void {
  port.postMessage(note);
}

function finish(): void {
  Atomics.add(ctrl, DONE, 1);
  Atomics.notify(ctrl, DONE);
}

function run(fromModule: AnyProtocol | undefined): void {
  // A user's protocol comes from the very module the coordinator loaded, imported again in this thread.
  const parsed = validateSpec(input.file, input.raw, (name) => fromModule ?? findProtocol(name));
  const spec = input.reduce === false ? withoutReductions(parsed) : parsed;
  const sys = new System(spec.protocol, spec.config, spec.settings);
  const checks = new InvariantCache(sys, spec.invariants);
  const witnesses = new Witnesses(sys.config, spec.reachable ?? []);
  const group = input.symmetry ? new SymmetryReducer(sys) : null;
  // A group with the identity alone reduces nothing: skip the canonicalisation.
  const canon = group !== null && group.size > 1 ? group : null;
  const parents = new ParentStore();
  stats[S_GROUP] = group === null ? 0 : group.size;
  let table = new SharedTable(input.table);
  let current = new WorldQueue();
  let next = new WorldQueue();
  let deferred = new WorldQueue();
  let deferredOrdinals: number[] = [];
  let transitions = 0;
  let parentGlobal = 0;
  let ordinal = 0;
  let found: Broken | null = null;
  let deferring = false;

  // Claims are added to the shared count in batches: a counter every thread
  // writes on every claim would bounce its cache line between cores.
  let pending = 0;
  let hard = 0;
  let flushEvery = 1;
  const flush = (): void => {
    if (pending > 0) Atomics.add(ctrl, COUNT, pending);
    pending = 0;
  };
  /** The fill past which to defer, allowing for every worker's unflushed claims (at most 1/16 of the limit in all). */
  const readLimit = (): void => {
    const limit = Atomics.load(ctrl, HARD_LIMIT);
    flushEvery = Math.max(1, Math.min(FLUSH_EVERY, Math.floor(limit / (16 * W))));
    hard = limit - W * flushEvery;
  };
  const full = (): boolean => Atomics.load(ctrl, COUNT) + pending >= hard;
  const publish = (): void => {
    flush();
    stats[S_TRANSITIONS] = transitions;
    stats[S_STATES] = parents.size;
    stats[S_QUEUE] = current.length + next.length;
    stats[S_PARENT_BYTES] = parents.bytes;
    stats[S_DEFERRED] = deferred.length;
    stats[S_WITNESSES] = witnesses.mask;
  };

  /** A state this worker claimed: record, check, queue. */
  const claim = (parent: number, ord: number, w: Int32Array, len: number, viewHi: number, viewLo: number): void => {
    if (++pending >= flushEvery) flush();
    const global = parents.add(parent, ord) * W + me;
    const b = checks.check(w, viewHi, viewLo);
    if (witnesses.pending) witnesses.see(() => sys.view(w));
    if (b !== null) {
      report(b, global);
      return;
    }
    next.push(global, w, len);
  };

  /** This worker found a violation at state `global`: first finder reports it, all stop. */
  const report = (b: Broken, global: number): void => {
    found = b;
    stats[S_VIOLATION] = global;
    if (Atomics.compareExchange(ctrl, WINNER, -1, me) === -1) {
      post({ kind: 'violation', property: b.property, message: b.violation.message, witnesses: b.violation.witnesses });
    }
    Atomics.store(ctrl, STOP, Stop.Violation);
  };

  const visit = (len: number): void => {
    const ord = ordinal++;
    transitions++;
    if (found !== null) return;
    // A world's self-loop leads back to it, and it is visited.
    if (sys.selfLoop) return;
    const viewHi = sys.viewHi;
    const viewLo = sys.viewLo;
    const w = sys.buf;
    let hi = sys.fpHi;
    let lo = sys.fpLo;
    if (canon !== null) {
      canon.successor(w);
      hi = canon.hi;
      lo = canon.lo;
    }
    if (deferring || full()) {
      // The table is too full to insert into safely: keep the successor for after it grows.
      if (!deferring) {
        deferring = true;
        Atomics.store(ctrl, DEFERRED, 1);
      }
      deferred.push(parentGlobal, w, len);
      deferredOrdinals.push(ord);
      return;
    }
    if (!table.insert(hi, lo)) return;
    claim(parentGlobal, ord, w, len, viewHi, viewLo);
  };

  const maxStates = Atomics.load(ctrl, MAX_STATES);
  const level = (): void => {
    current = next;
    next = new WorldQueue();
    let expansions = 0;
    for (let g = current.shift(); g >= 0; g = current.shift()) {
      parentGlobal = g;
      ordinal = 0;
      if (canon !== null) canon.prepare(current.world);
      sys.each(current.world, visit);
      if (found !== null) break;
      if ((++expansions & 63) === 0) {
        publish();
        if (Atomics.load(ctrl, STOP) !== Stop.None) break;
        if (Atomics.load(ctrl, COUNT) >= maxStates) Atomics.compareExchange(ctrl, STOP, Stop.None, Stop.States);
        if ((expansions & 4095) === 0 && overMemory(undefined)) Atomics.compareExchange(ctrl, STOP, Stop.None, Stop.Memory);
      }
    }
  };

  const resolve = (): void => {
    const pending = deferred;
    const ordinals = deferredOrdinals;
    deferred = new WorldQueue();
    deferredOrdinals = [];
    deferring = false;
    let k = 0;
    for (let parent = pending.shift(); parent >= 0; parent = pending.shift()) {
      const w = pending.world;
      const ord = ordinals[k++];
      if (found !== null) continue;
      sys.fingerprint(w);
      let hi = sys.fpHi;
      let lo = sys.fpLo;
      if (canon !== null) {
        canon.canonical(w);
        hi = canon.hi;
        lo = canon.lo;
      }
      if (deferring || full()) {
        deferring = true;
        Atomics.store(ctrl, DEFERRED, 1);
        deferred.push(parent, w);
        deferredOrdinals.push(ord);
        continue;
      }
      if (table.insert(hi, lo)) claim(parent, ord, w, w.length, sys.viewHi, sys.viewLo);
    }
  };

  const probe = (): void => {
    const look = (): void => {
      if (sys.selfLoop) return;
      let hi = sys.fpHi;
      let lo = sys.fpLo;
      if (canon !== null) {
        canon.successor(sys.buf);
        hi = canon.hi;
        lo = canon.lo;
      }
      if (!table.has(hi, lo)) Atomics.store(ctrl, CUT, 1);
    };
    while (Atomics.load(ctrl, CUT) === 0 && current.shift() >= 0) {
      if (canon !== null) canon.prepare(current.world);
      sys.each(current.world, look);
    }
  };

  /**
   * The first levels, searched by every worker alike (the search is
   * deterministic) until the frontier is wide enough to share: then worker w
   * keeps every W-th frontier state, starting at the w-th. Worker 0 alone
   * records, counts and checks these states (their global indexes are its
   * own), so nothing is done twice that shows.
   */
  const prefix = (): void => {
    const mine = me === 0;
    const seen = new FingerprintSet();
    const wide = PREFIX_PER_WORKER * W;
    const most = Math.min(Math.floor(table.capacity * 0.5), maxStates);
    const fp = (w: Int32Array, successor: boolean): boolean => {
      let hi = sys.fpHi;
      let lo = sys.fpLo;
      if (canon !== null) {
        if (successor) canon.successor(w);
        else canon.canonical(w);
        hi = canon.hi;
        lo = canon.lo;
      }
      if (!seen.add(hi, lo)) return false;
      if (mine) table.insert(hi, lo);
      return true;
    };
    const init = sys.initialWorld();
    sys.fingerprint(init);
    let frontier = new WorldQueue();
    fp(init, false);
    if (mine) claim(0, 0, init, init.length, sys.viewHi, sys.viewLo);
    frontier.push(0, init);
    let discovered = 1;
    let depth = 0;
    const maxDepth = Atomics.load(ctrl, MAX_DEPTH);
    while (found === null && frontier.length > 0 && frontier.length < wide && depth < maxDepth && discovered < most) {
      const nextFrontier = new WorldQueue();
      for (let d = frontier.shift(); d >= 0 && found === null; d = frontier.shift()) {
        const w = frontier.world;
        let ord = 0;
        if (canon !== null) canon.prepare(w);
        sys.each(w, (len) => {
          const o = ord++;
          if (mine) transitions++;
          if (found !== null || sys.selfLoop) return;
          const viewHi = sys.viewHi;
          const viewLo = sys.viewLo;
          if (!fp(sys.buf, true)) return;
          const index = discovered++;
          if (mine) {
            if (++pending >= flushEvery) flush();
            parents.add(d * W, o);
            const b = checks.check(sys.buf, viewHi, viewLo);
            if (witnesses.pending) witnesses.see(() => sys.view(sys.buf));
            if (b !== null) report(b, index * W);
          }
          nextFrontier.push(index, sys.buf, len);
        });
      }
      frontier = nextFrontier;
      if (frontier.length > 0 || found !== null) depth++;
    }
    if (mine) Atomics.store(ctrl, PREFIX_DEPTH, depth);
    if (mine && found === null) next = new WorldQueue();
    let k = 0;
    for (let d = frontier.shift(); d >= 0; d = frontier.shift()) if (k++ % W === me) next.push(d * W, frontier.world);
  };

  /**
   * The coordinator posts the grown table before it sends Cmd.Table, so the
   * message should be queued already; one run at load 25 still found the port
   * empty, so wait for it (a bounded while, not forever) before giving up.
   */
  function tableMessage(): { message: unknown } | undefined {
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; waited <= 10_000; waited += 5) {
      const m = receiveMessageOnPort(port);
      if (m !== undefined) return m;
      Atomics.wait(pause, 0, 0, 5);
    }
    return undefined;
  }

  function runCommand(cmd: Cmd): void {
    switch (cmd) {
      case Cmd.Init:
        prefix();
        break;
      case Cmd.Level:
        level();
        break;
      case Cmd.Table: {
        const m = tableMessage();
        if (m === undefined) throw new Error('worker: no table on the port');
        table = new SharedTable((m.message as { table: SharedArrayBuffer }).table);
        break;
      }
      case Cmd.Resolve:
        resolve();
        break;
      case Cmd.Probe:
        current = next;
        next = new WorldQueue();
        probe();
        break;
      case Cmd.Parent: {
        const g = Atomics.load(ctrl, ARG);
        if (g % W === me) {
          const local = Math.floor(g / W);
          Atomics.store(ctrl, RES_PARENT, parents.parentOf(local));
          Atomics.store(ctrl, RES_ORDINAL, parents.ordinalOf(local));
        }
        break;
      }
      case Cmd.Exit:
        return;
    }
  }

  Atomics.add(ctrl, READY, 1);
  Atomics.notify(ctrl, READY);
  let gen = 0;
  for (;;) {
    Atomics.wait(ctrl, GEN, gen);
    gen = Atomics.load(ctrl, GEN);
    const cmd = Atomics.load(ctrl, CMD) as Cmd;
    readLimit();
    try {
      runCommand(cmd);
    } catch (e) {
      // A typed array the machine would not give: every worker stops, and the search reports the memory limit.
      if (!refusedMemory(e)) throw e;
      Atomics.compareExchange(ctrl, STOP, Stop.None, Stop.Memory);
    }
    if (cmd === Cmd.Exit) {
      finish();
      return;
    }
    publish();
    finish();
  }
}

try {
  run(input.protocolModule === null ? undefined : (await importProtocol(input.protocolModule)).protocol);
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ kind: 'error', name: err.name, message: err.message, stack: err.stack ?? '' });
  Atomics.store(ctrl, ERROR, 1);
  finish();
}
