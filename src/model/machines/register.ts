/**
 * A single read/write register with compare-and-set: the object of
 * Stateright's and Porcupine's register examples, and of ABD.
 */
import type { StateMachine } from './machine.js';

export type RegisterValue = string | number | null;
export type RegisterCommand =
  | { readonly op: 'read' }
  | { readonly op: 'write'; readonly value: string | number }
  | { readonly op: 'cas'; readonly from: RegisterValue; readonly to: string | number };
export type RegisterOutput = RegisterValue | 'ok' | boolean;

export const register: StateMachine<RegisterValue, RegisterCommand, RegisterOutput> = {
  name: 'register',
  description: 'one register, initially nil: read -> value, write(v) -> ok, cas(from, to) -> swapped',
  init: () => null,
  apply(state, c) {
    switch (c.op) {
      case 'read':
        return [state, state];
      case 'write':
        return [c.value, 'ok'];
      case 'cas':
        return state === c.from ? [c.to, true] : [state, false];
    }
  },
  describeCommand(c) {
    switch (c.op) {
      case 'read':
        return 'read';
      case 'write':
        return `write(${c.value})`;
      case 'cas':
        return `cas(${c.from === null ? 'nil' : c.from}, ${c.to})`;
    }
  },
  describeOutput: (o) => (o === null ? 'nil' : String(o)),
};
