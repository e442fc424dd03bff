/** The pluggable state machines, by name: what a recorded history is checked against (kv: its specification, kv-reference.ts). */
import { kvReference } from './kv-reference.js';
import type { AnyMachine } from './machine.js';
import { register } from './register.js';

const all: readonly AnyMachine[] = [kvReference, register];

export function machines(): readonly AnyMachine[] {
  return all;
}

export function findMachine(name: string): AnyMachine | undefined {
  return all.find((m) => m.name === name);
}
