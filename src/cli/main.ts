#!/usr/bin/env node
/**
 * The synod executable. The command runs on a thread of its own
 * (program.ts): searches are synchronous, and a signal's handler runs only
 * on a thread that is free. This one is: on SIGINT or SIGTERM it raises the
 * shared interrupt flag, every search stops as at a budget, the command
 * prints its partial figures and writes its JSON and JUnit for what
 * finished, and the process exits 130 (SIGINT) or 143 (SIGTERM). A second
 * signal exits at once.
 */
import { Worker } from 'node:worker_threads';
import { interruptBuffer, interruptedBy, requestInterrupt } from '../checker/interrupt.js';
import { EXIT, report } from './errors.js';
import type { ProgramInput } from './program.js';

// A closed pipe (`synod check | head`) ends the run quietly rather than with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.exit(report(e));
});

const input: ProgramInput = {
  args: process.argv.slice(2),
  interrupt: interruptBuffer(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
};
const program = new Worker(new URL('./program.js', import.meta.url), { workerData: input, resourceLimits: { codeRangeSizeMb: 64 } });

const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
  const code = signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
  if (interruptedBy() !== 0) process.exit(code);
  requestInterrupt(signal === 'SIGINT' ? 2 : 15);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

program.on('error', (e) => {
  process.exitCode = report(e);
});
program.on('exit', (code) => {
  const signal = interruptedBy();
  process.exitCode = signal === 2 ? EXIT.sigint : signal === 15 ? EXIT.sigterm : process.exitCode ?? code;
});
