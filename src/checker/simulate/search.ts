/**
 * Random-walk search with shrinking, on fast-check: the property "this walk
 * breaks no invariant" is checked on `runs` generated walks (search); the
 * first walk that breaks one is then shrunk by fast-check (shrink), each
 * phase under its own time limit. Everything is a function of the seed: the
 * same seed and bounds give the same walks, the same counterexample and the
 * same replay path (a time limit can only cut a run short, never change it).
 */
import * as fc from 'fast-check';
import type { Invariant } from '../../model/contract.js';
import type { Broken } from '../invariants.js';
import type { System } from '../system.js';
import { walkChoices } from './choices.js';
import { walkShrinks } from './shrink.js';
import type { SwarmMember } from '../shard/swarm.js';
import { interruptedBy } from '../interrupt.js';
import { Walker, type WalkOutcome } from './walk.js';

export interface SimulationBounds {
  /** Walks to try. */
  readonly runs: number;
  /** Steps per walk. */
  readonly maxSteps: number;
  /** Seconds for the search. */
  readonly timeLimit: number;
  /** Seconds for shrinking a walk that was found. */
  readonly shrinkTimeLimit: number;
}

export interface SimulationRequest extends SimulationBounds {
  readonly seed: number;
  /**
   * A replay path printed by an earlier run with the same seed and bounds:
   * runs exactly that walk (no search, no further shrinking).
   */
  readonly replay?: string;
  /**
   * The swarm member this search is (`--shard I/N`): its walks use the
   * member's paces and favoured node; seed and maxSteps above are already
   * the member's. Absent: the plain walk.
   */
  readonly swarm?: SwarmMember;
}

export interface Found {
  readonly broken: Broken;
  /** Successor ordinals of the shrunk walk (replay(sys, path) rebuilds its trace). */
  readonly path: readonly number[];
  /** Seed plus this path (fast-check's counterexample path) replays the shrunk walk. */
  readonly replay: string;
  /** The walk (1-based) of the search that broke an invariant. */
  readonly run: number;
  /** Steps of that walk up to the violation, before shrinking. */
  readonly foundLength: number;
  readonly shrinks: number;
  readonly shrinkSeconds: number;
  /** True when the shrink time limit stopped shrinking early. */
  readonly shrinkCut: boolean;
}

export interface SimulationOutcome {
  readonly seed: number;
  /** Figures of the search phase. */
  readonly walks: number;
  readonly steps: number;
  readonly seconds: number;
  /** CPU seconds of the search (this process), beside its wall seconds: a swarm's members share cores. */
  readonly cpuSeconds: number;
  readonly distinctStates: number;
  /** True when the time limit ended the search before `runs` walks. */
  readonly timedOut: boolean;
  readonly found?: Found;
}

class Interrupt {
  deadline = 0;
  hit = false;
  constructor(private readonly walker: Walker) {}
  arm(seconds: number): void {
    this.deadline = performance.now() + seconds * 1000;
    this.walker.deadline = this.deadline;
    this.walker.timedOut = false;
    this.hit = false;
  }
  /** Whether the deadline has passed (or a signal asked to stop), between walks or inside one. */
  get passed(): boolean {
    this.hit ||= this.walker.timedOut || performance.now() > this.deadline || interruptedBy() !== 0;
    return this.hit;
  }
}

export function simulate(sys: System, invariants: readonly Invariant<unknown, unknown, unknown>[], req: SimulationRequest): SimulationOutcome {
  const walker = new Walker(sys, invariants, req.swarm?.diversity);
  const clock = new Interrupt(walker);
  const property = fc.property(walkChoices(req.maxSteps, (v) => walkShrinks(walker, v)), (choices) => {
    // An interrupting precondition failure ends the run and keeps the best counterexample so far.
    if (clock.passed) throw new fc.PreconditionFailure(true);
    const broken = walker.run(choices).broken;
    if (broken === null && clock.passed) throw new fc.PreconditionFailure(true);
    return broken === null;
  });
  // Bias would favour small choices, i.e. the first successors: the search walks uniformly instead.
  const params = { seed: req.seed, numRuns: req.runs, unbiased: true };

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  clock.arm(req.timeLimit);
  const searched = fc.check(property, { ...params, endOnFailure: true, ...(req.replay === undefined ? {} : { path: req.replay }) });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const figures = {
    seed: req.seed,
    walks: walker.walks,
    steps: walker.steps,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    distinctStates: walker.visited.size,
    timedOut: clock.hit,
  };
  if (!searched.failed || searched.counterexample === null || searched.counterexamplePath === null) return figures;

  walker.counting = false;
  // The walks rebuilt below are ones that already broke an invariant: no deadline cuts them.
  walker.deadline = Infinity;
  const first = walker.run(searched.counterexample[0]);
  let final = searched;
  const shrinkStart = performance.now();
  if (req.replay === undefined) {
    clock.arm(req.shrinkTimeLimit);
    const shrunk = fc.check(property, { ...params, path: searched.counterexamplePath });
    if (shrunk.failed && shrunk.counterexample !== null && shrunk.counterexamplePath !== null) final = shrunk;
  }
  const shrinkSeconds = (performance.now() - shrinkStart) / 1000;
  walker.deadline = Infinity;
  const last: WalkOutcome = walker.run((final.counterexample as [number[]])[0]);
  if (last.broken === null) throw new Error('simulate: the shrunk walk no longer breaks an invariant (a non-deterministic model?)');
  return {
    ...figures,
    found: {
      broken: last.broken,
      path: last.path,
      replay: final.counterexamplePath as string,
      run: searched.numRuns,
      foundLength: first.path.length,
      shrinks: final.numShrinks,
      shrinkSeconds,
      shrinkCut: req.replay === undefined && clock.hit,
    },
  };
}
