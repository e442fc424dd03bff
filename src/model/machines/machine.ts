/**
 * A sequential state machine: the object a replicated service implements,
 * separate from the protocol that replicates it (as in Rafter, etcd's
 * applier or Stateright's register). A protocol applies committed commands
 * to it; the linearizability tester replays candidate orders against it.
 *
 * Pure and plain data, like everything in src/model: `apply` never mutates
 * its input and returns the same state object when a command reads only.
 */
import type { Data } from '../contract.js';

export interface StateMachine<S extends Data = Data, C extends Data = Data, O extends Data = Data> {
  /** "kv", "register". */
  readonly name: string;
  readonly description: string;
  init(): S;
  /** The new state and the command's output. */
  apply(state: S, command: C): readonly [S, O];
  /**
   * The part of the state a command touches, for P-compositionality: a
   * history whose commands all name a key is linearizable exactly when each
   * key's sub-history is (Herlihy and Wing's locality), so the tester checks
   * keys apart. null: the command may touch everything (no splitting).
   */
  key?(command: C): string | null;
  /** "put(x, 1)". */
  describeCommand(command: C): string;
  /** "ok", "1", "nil". */
  describeOutput(output: O): string;
}

/** A machine over arbitrary data, as the checker and the tester hold them. */
export type AnyMachine = StateMachine<Data, Data, Data>;
