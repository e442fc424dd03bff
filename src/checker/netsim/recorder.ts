/**
 * A violating run's trace, in the checker's Trace format so the same
 * reporters print and draw it. Runs are deterministic, so the trace is
 * recorded on a replay of the run, and only its last steps (the window
 * before the violation), from a world snapshot taken there.
 */
import type { AnyProtocol, Data, Envelope, NodeId, Send } from '../../model/contract.js';
import type { LoadedSpec } from '../spec.js';
import type { Action, MessageSnapshot, Trace, TraceStep, WorldSnapshot } from '../trace.js';
import type { RunViolation } from './engine.js';

export class TraceRecorder {
  private initial: WorldSnapshot | null = null;
  private readonly steps: TraceStep[] = [];
  private pending: { action: Action; label: string; sent: readonly MessageSnapshot[] } | null = null;
  private active = false;
  private total = 0;

  constructor(
    private readonly spec: LoadedSpec,
    private readonly from: number,
    private readonly run: number,
    private readonly seed: number,
    private readonly snapshot: () => WorldSnapshot,
  ) {}

  /** Called before event `index` is handled. */
  begin(index: number): void {
    this.flush();
    this.total = index;
    if (index === this.from) {
      this.active = true;
      this.initial = this.snapshot();
    }
  }

  message(p: AnyProtocol, env: Envelope<unknown>): MessageSnapshot {
    return { from: env.from, to: env.to, msg: env.msg as Data, text: p.describeMessage(env.msg) };
  }

  sends(p: AnyProtocol, from: NodeId, send: readonly Send<unknown>[]): MessageSnapshot[] {
    return send.map((s) => this.message(p, { from, to: s.to, msg: s.msg }));
  }

  /** A step about to take effect; its world is the one the next step (or the end) sees. */
  step(action: Action, label: string, sent: readonly MessageSnapshot[]): void {
    if (!this.active) return;
    this.flush();
    this.pending = { action, label: `${label} [t=${this.snapshot().time.toFixed(3)} ms]`, sent };
  }

  private flush(): void {
    if (this.pending === null) return;
    this.steps.push({ ...this.pending, world: this.snapshot() });
    this.pending = null;
  }

  finish(violation: RunViolation | undefined): Trace {
    this.flush();
    const initial = this.initial ?? this.snapshot();
    return {
      spec: this.spec.name,
      protocol: this.spec.protocol.name,
      params: this.spec.params,
      bugs: this.spec.bugs,
      initial,
      steps: this.steps,
      ...(violation === undefined ? {} : { violation: { property: violation.property, message: violation.message, witnesses: violation.witnesses } }),
      notes: [
        `netsim run ${this.run} of seed ${this.seed}: the last ${this.steps.length} steps of ${this.total} events, from t=${initial.time.toFixed(3)} ms; times are simulated milliseconds`,
        'found by simulation with timing: a real, not necessarily shortest, run',
      ],
    };
  }
}
