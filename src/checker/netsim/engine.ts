/**
 * One simulated run: a discrete-event loop that drives the protocol's pure
 * handlers (the same Protocol contract the checker drives) over a network
 * with latencies, loss, duplication, a fault schedule and drifting clocks.
 * Local steps fire when the timer they name runs out; every safety property
 * of the spec is checked after every event that changes a node.
 */
import type { AnyProtocol, Data, Envelope, GhostHistory, LocalStep, Send, Step } from '../../model/contract.js';
import { receivedSteps } from '../../model/contract.js';
import { EMPTY_HISTORY, eventProblem, invoke, respond } from '../linearizability/ghost.js';
import { ClientBook } from './clients.js';
import { sample } from './distribution.js';
import { EventHeap } from './heap.js';
import { LeaderClock, type CutPoint, type NodePoint } from './metrics.js';
import type { Rng } from './prng.js';
import { rngFor } from './prng.js';
import type { FaultEvent } from './schedule.js';
import { TraceRecorder } from './recorder.js';
import { safetyViolation, worldSnapshot } from './snapshot.js';
import { disarmAll, rearmTimers, type TimerContext } from './timers.js';
import { NetsimModelError, type NodeRt, type RawRun, type RunInput, type RunViolation, type SimEvent } from './types.js';
import type { WorldSnapshot } from '../trace.js';

export { NetsimModelError, type RawRun, type RunInput, type RunViolation } from './types.js';

export function simulateRun(input: RunInput): RawRun {
  return new Simulation(input).run();
}

class Simulation {
  private readonly p: AnyProtocol;
  private readonly config: unknown;
  private readonly rng: Rng;
  private readonly heap = new EventHeap<SimEvent>();
  private readonly nodes: NodeRt[];
  private readonly byId = new Map<string, NodeRt>();
  private readonly cut = new Set<string>();
  private readonly clock: LeaderClock;
  private readonly book: ClientBook | null;
  /** The clients' ghost history, for a protocol with client nodes (null: none). */
  private history: GhostHistory | null;
  /** The nodes leadership and quorums are judged over: all but client nodes. */
  private readonly servers: NodeRt[];
  private readonly firings: Record<string, number> = {};
  private readonly timeline: NodePoint[] = [];
  private readonly lastPoint = new Map<string, NodePoint>();
  private readonly cuts: CutPoint[] = [{ t: 0, cuts: 0 }];
  private readonly downs: { node: string; from: number; to: number }[] = [];
  /** With netsim.fifo: per directed node pair, when its last message arrives (none may arrive before it). */
  private readonly lastArrival = new Map<string, number>();
  private readonly recorder: TraceRecorder | null;
  private now = 0;
  private events = 0;
  private messages = 0;
  private lost = 0;
  private committed = 0;
  private firstCommit: number | null = null;
  private commitEverywhere: number | null = null;
  private messagesToEverywhere: number | null = null;
  private violation: RunViolation | undefined;
  private changed = false;

  constructor(private readonly input: RunInput) {
    const { spec, network, placement } = input;
    this.p = spec.protocol;
    this.config = spec.config;
    this.rng = rngFor(input.seed, input.run);
    this.nodes = this.p.nodes(this.config).map((d, index) => {
      const place = placement[d.id];
      const n: NodeRt = {
        id: d.id,
        role: d.role,
        index,
        place,
        rate: 1 + (network.drift[place] ?? 0) / 1e6,
        up: true,
        state: this.p.init(this.config, d.id),
        obs: {},
        clientStep: null,
        timers: new Map(),
        downSince: 0,
      };
      this.byId.set(d.id, n);
      return n;
    });
    const clientNodes = input.settings.clientNodes !== undefined;
    this.history = clientNodes ? EMPTY_HISTORY : null;
    // Client nodes show nothing of themselves (an empty observation); a majority is of the rest.
    this.servers = clientNodes ? this.nodes.filter((n) => Object.keys(this.p.observe?.(this.config, n.id, n.state) ?? {}).length > 0) : this.nodes;
    if (this.servers.length === 0) this.servers = this.nodes;
    this.clock = new LeaderClock(Math.floor(this.servers.length / 2) + 1);
    this.book = input.settings.clients === undefined && !clientNodes ? null : new ClientBook();
    this.recorder = input.recordFrom === undefined ? null : new TraceRecorder(spec, input.recordFrom, input.run, input.seed, () => this.snapshot());
  }

  run(): RawRun {
    const { duration, faults, settings } = this.input;
    for (const f of faults) this.heap.push({ time: f.at, rank: 0, seq: 0, kind: 'fault', fault: f });
    if (settings.clients !== undefined) this.heap.push({ time: settings.clients.start + sample(settings.clients.interval, this.rng), rank: 3, seq: 0, kind: 'arrival' });
    for (const n of this.nodes) {
      this.rearm(n, [], null);
      this.point(n);
    }
    this.observeWorld();
    this.recorder?.begin(this.events);
    for (;;) {
      const e = this.heap.pop();
      if (e === undefined || e.time > duration || this.violation !== undefined) break;
      this.now = e.time;
      this.changed = false;
      this.handle(e);
      this.dispatchClients();
      this.observeWorld();
      this.events++;
      this.recorder?.begin(this.events);
    }
    this.now = Math.min(duration, this.violation?.time ?? duration);
    this.clock.advance(this.now);
    for (const n of this.nodes) if (!n.up) this.downs.push({ node: n.id, from: n.downSince, to: this.now });
    return {
      run: this.input.run,
      seed: this.input.seed,
      duration: this.now,
      events: this.events,
      messages: this.messages,
      lost: this.lost,
      committed: this.committed,
      firstCommit: this.firstCommit,
      commitEverywhere: this.commitEverywhere,
      messagesToEverywhere: this.messagesToEverywhere,
      leaderChanges: this.clock.leaderChanges,
      noLeader: this.clock.noLeader,
      noQuorum: this.clock.noQuorum,
      firings: this.firings,
      book: this.book,
      timeline: this.timeline,
      cuts: this.cuts,
      downs: this.downs,
      faults,
      ...(this.violation === undefined ? {} : { violation: this.violation }),
      ...(this.recorder === null ? {} : { trace: this.recorder.finish(this.violation) }),
    };
  }

  private snapshot(): WorldSnapshot {
    const w = worldSnapshot(this.p, this.config, this.nodes, this.heap, this.cut, this.now);
    return this.history === null ? w : { ...w, history: this.history };
  }

  private localClock(n: NodeRt): number {
    return Math.floor(this.now * n.rate);
  }

  private handle(e: SimEvent): void {
    switch (e.kind) {
      case 'fault':
        return this.fault(e.fault);
      case 'deliver':
        return this.deliver(e.env);
      case 'timer':
        return this.fire(this.nodes[e.node], e.name, e.gen);
      case 'arrival': {
        const c = this.input.settings.clients;
        if (this.book === null || c === undefined) return;
        const op = this.book.issue(this.now);
        this.heap.push({ time: this.now + c.timeout, rank: 4, seq: 0, kind: 'expire', op: op.id });
        this.heap.push({ time: this.now + sample(c.interval, this.rng), rank: 3, seq: 0, kind: 'arrival' });
        return;
      }
      case 'expire':
        this.book?.expire(this.book.ops[e.op]);
        return;
    }
  }

  private deliver(env: Envelope<unknown>): void {
    const n = this.byId.get(env.to) as NodeRt;
    if (!n.up) {
      this.lost++;
      this.recorder?.step({ kind: 'drop', message: this.recorder.message(this.p, env) }, `drop ${this.p.describeMessage(env.msg)} ${env.from}→${env.to} (${env.to} is down)`, []);
      return;
    }
    const before = n.state;
    // Choice on receipt: the simulation picks one of the outcomes at random (none: the node ignores the message).
    const outcomes = receivedSteps(this.p.handle(this.config, n.id, before, env.msg, env.from, this.localClock(n)));
    const out = outcomes.length === 0 ? { state: before, send: [] } : outcomes.length === 1 ? outcomes[0] : outcomes[this.rng.below(outcomes.length)];
    this.checkStep(out, `handle(${this.p.describeMessage(env.msg)}) at ${n.id}`);
    this.ghost(n, out, `handle(${this.p.describeMessage(env.msg)})`);
    const restarts = this.p.restarts?.(this.config, n.id, before, env.msg, env.from, out.state) ?? [];
    this.recorder?.step({ kind: 'deliver', node: n.id, message: this.recorder.message(this.p, env) }, `deliver ${this.p.describeMessage(env.msg)} ${env.from}→${env.to}`, this.recorder.sends(this.p, n.id, out.send));
    this.apply(n, out, restarts, null);
  }

  private fire(n: NodeRt, name: string, gen: number): void {
    const t = n.timers.get(name);
    if (!n.up || t === undefined || !t.armed || t.gen !== gen) return;
    t.armed = false;
    const step = this.p.local(this.config, n.id, n.state, this.localClock(n)).find((s) => (s.timer ?? 'default') === name);
    if (step === undefined) return this.rearm(n, [], null);
    t.attempt++;
    this.firings[name] = (this.firings[name] ?? 0) + 1;
    this.checkStep(step, `local step "${step.label}" at ${n.id}`);
    this.ghost(n, step, `local step "${step.label}"`);
    if (this.history !== null && step.invoke === undefined) this.book?.retried(n.id);
    this.recorder?.step({ kind: 'local', node: n.id, label: step.label }, `${n.id} ${step.label} (${name} timer)`, this.recorder.sends(this.p, n.id, step.send));
    this.apply(n, step, [], name);
  }

  private apply(n: NodeRt, out: Step<unknown, unknown>, restarts: readonly string[], fired: string | null): void {
    const changed = out.state !== n.state;
    n.state = out.state;
    this.send(n, out.send);
    if (changed) this.changed = true;
    if (changed || restarts.length > 0 || fired !== null || this.p.usesTime) this.rearm(n, restarts, fired);
    if (changed) this.point(n);
  }

  /**
   * A client node's invocation or response: into the ghost history (as the
   * checker keeps it) and the book, which times the operation.
   */
  private ghost(n: NodeRt, step: Step<unknown, unknown>, rule: string): void {
    if (this.history === null || (step.invoke === undefined && step.respond === undefined)) return;
    if (step.invoke !== undefined && step.respond !== undefined) throw new NetsimModelError(`${this.p.name}: ${n.id}'s ${rule} both invokes and responds in one step`);
    const kind = step.invoke !== undefined ? 'invoke' : 'respond';
    const problem = eventProblem(this.history, n.id, kind);
    if (problem !== null) throw new NetsimModelError(`${this.p.name}: ${problem}`);
    const book = this.book as ClientBook;
    if (kind === 'invoke') {
      this.history = invoke(this.history, n.id, step.invoke as Data);
      const op = book.invoked(this.now, n.id);
      const timeout = this.input.settings.clientNodes?.timeout ?? null;
      if (timeout !== null) this.heap.push({ time: this.now + timeout, rank: 4, seq: 0, kind: 'expire', op: op.id });
    } else {
      this.history = respond(this.history, n.id, step.respond as Data);
      book.responded(this.now, n.id);
    }
    this.changed = true;
  }

  private checkStep(out: Step<unknown, unknown>, where: string): void {
    if (out === undefined || out === null || out.state === undefined || !Array.isArray(out.send)) {
      throw new NetsimModelError(`${this.p.name}: ${where} returned ${JSON.stringify(out) ?? 'undefined'}, not {state, send}`);
    }
  }

  private send(from: NodeRt, sends: readonly Send<unknown>[]): void {
    for (const s of sends) {
      const to = this.byId.get(s.to);
      if (to === undefined) throw new NetsimModelError(`${this.p.name}: ${from.id} sends to unknown node ${JSON.stringify(s.to)}`);
      this.messages++;
      const env: Envelope<unknown> = { from: from.id, to: s.to, msg: s.msg };
      const same = from.place === to.place;
      if (!same && this.cut.has(`${from.place}>${to.place}`)) {
        this.lost++;
        continue;
      }
      const link = same ? { latency: this.input.network.local, loss: 0, duplicate: 0 } : this.input.network.link(from.place, to.place);
      if (link.loss > 0 && this.rng.next() < link.loss) {
        this.lost++;
        continue;
      }
      const copies = link.duplicate > 0 && this.rng.next() < link.duplicate ? 2 : 1;
      for (let i = 0; i < copies; i++) this.heap.push({ time: this.arrival(from.id, s.to, this.now + sample(link.latency, this.rng)), rank: 1, seq: 0, kind: 'deliver', env });
    }
  }

  /** A message's arrival time: as drawn, or with fifo no earlier than the pair's previous one (equal times keep sending order). */
  private arrival(from: string, to: string, drawn: number): number {
    if (!this.input.settings.fifo) return drawn;
    const key = `${from}>${to}`;
    const t = Math.max(drawn, this.lastArrival.get(key) ?? 0);
    this.lastArrival.set(key, t);
    return t;
  }

  private rearm(n: NodeRt, restarts: readonly string[], fired: string | null): void {
    rearmTimers(this.timerContext(), n, restarts, fired);
  }

  private timerContext(): TimerContext {
    return { p: this.p, config: this.config, settings: this.input.settings, file: this.input.spec.file, rng: this.rng, heap: this.heap, now: this.now, clock: (n) => this.localClock(n) };
  }

  private fault(f: FaultEvent): void {
    const a = f.action;
    if (a.kind === 'partition' || a.kind === 'heal') {
      const links = a.links === 'all' ? [...this.cut].map((k) => k.split('>') as [string, string]) : a.links;
      for (const [x, y] of links) {
        const key = `${x}>${y}`;
        if (a.kind === 'partition' ? this.cut.has(key) : !this.cut.has(key)) continue;
        if (a.kind === 'partition') this.cut.add(key);
        else this.cut.delete(key);
        for (const m of this.nodes) {
          if (m.place !== x) continue;
          for (const o of this.nodes) {
            if (o.place === y) this.recorder?.step({ kind: a.kind === 'partition' ? 'cut' : 'heal', from: m.id, to: o.id }, `${a.kind === 'partition' ? 'cut' : 'heal'} ${m.id}${a.kind === 'partition' ? '↛' : '→'}${o.id} (${f.text})`, []);
          }
        }
      }
      this.cuts.push({ t: this.now, cuts: this.cut.size });
      return;
    }
    for (const n of this.nodes) {
      if (n.place !== a.place) continue;
      if (a.kind === 'crash' && n.up) {
        n.up = false;
        n.downSince = this.now;
        n.state = this.p.recover(this.config, n.id, this.p.persisted(this.config, n.state));
        disarmAll(n);
        n.obs = {};
        n.clientStep = null;
        this.changed = true;
        this.recorder?.step({ kind: 'crash', node: n.id }, `${n.id} crashes`, []);
        this.point(n);
      } else if (a.kind === 'restart' && !n.up) {
        n.up = true;
        this.downs.push({ node: n.id, from: n.downSince, to: this.now });
        if (!a.disk) n.state = this.p.init(this.config, n.id);
        this.changed = true;
        this.recorder?.step({ kind: a.disk ? 'restart' : 'amnesia', node: n.id }, a.disk ? `${n.id} restarts (disk kept)` : `${n.id} restarts with its disk lost`, []);
        this.rearm(n, [], null);
        this.point(n);
      }
    }
  }

  private dispatchClients(): void {
    const book = this.book;
    if (book === null) return;
    while (book.pending.length > 0) {
      const ready = this.nodes.filter((n) => n.up && n.clientStep !== null);
      if (ready.length === 0) return;
      const n = ready.length === 1 ? ready[0] : ready[this.rng.below(ready.length)];
      const step = n.clientStep as LocalStep<unknown, unknown>;
      const op = book.pending.shift()!;
      const name = this.input.settings.clients?.timer ?? 'client';
      this.firings[name] = (this.firings[name] ?? 0) + 1;
      this.checkStep(step, `local step "${step.label}" at ${n.id}`);
      this.recorder?.step({ kind: 'local', node: n.id, label: step.label }, `${n.id} ${step.label} (client request ${op.id})`, this.recorder.sends(this.p, n.id, step.send));
      this.apply(n, step, [], null);
      if (n.clientStep === step) n.clientStep = null;
      book.take(op, n.id, n.obs.accepted ?? 0, n.obs.term ?? null);
    }
  }

  /** After each event: commitment, client fates, leadership, and the safety properties. */
  private observeWorld(): void {
    let everywhere = this.commitEverywhere === null;
    let reporting = 0;
    for (const n of this.nodes) {
      const c = n.up ? (n.obs.committed ?? 0) : 0;
      if (c > this.committed) {
        this.committed = c;
        if (this.firstCommit === null) this.firstCommit = this.now;
      }
      if (n.obs.committed !== undefined || !n.up) reporting++;
      if (n.up && n.obs.committed !== undefined && n.obs.committed < 1) everywhere = false;
    }
    if (everywhere && reporting > 0 && this.committed > 0) {
      this.commitEverywhere = this.now;
      this.messagesToEverywhere = this.messages;
    }
    this.book?.settle(this.now, this.committed, (op) => {
      const n = this.byId.get(op.node as string) as NodeRt;
      return !n.up || (n.obs.leader !== undefined && (n.obs.leader !== true || (n.obs.term ?? null) !== op.term));
    });
    this.clock.update(this.now, this.servers, (a, b) => !this.cut.has(`${a}>${b}`));
    if (this.changed || this.events === 0) this.checkInvariants();
  }

  private checkInvariants(): void {
    const v = safetyViolation(this.input.spec, this.nodes, this.heap, this.now, this.history);
    if (v !== null) this.violation = { ...v, time: this.now, event: this.events };
  }

  private point(n: NodeRt): void {
    const last = this.lastPoint.get(n.id);
    const p: NodePoint = { t: this.now, node: n.id, up: n.up, leader: n.up && n.obs.leader === true, term: n.obs.term ?? null };
    if (last !== undefined && last.up === p.up && last.leader === p.leader && last.term === p.term) return;
    this.timeline.push(p);
    this.lastPoint.set(n.id, p);
  }
}

