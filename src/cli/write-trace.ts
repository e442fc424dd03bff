/** Writes a counterexample's files into the output folder: confined to it, each file whole or not at all. */
import { spaceTimeDot } from '../checker/report/dot.js';
import { itfText, toItf } from '../checker/report/itf.js';
import { renderSvg } from '../checker/report/svg.js';
import type { Trace } from '../checker/trace.js';
import { warn } from './errors.js';
import { rmSync } from 'node:fs';
import { pathInside, writeInside } from './safe-write.js';

/** The marker synod leaves in an output folder, so a spec search that meets the folder skips it. */
export const OUTPUT_MARKER = '.synod-output';

function markOutput(outDir: string): void {
  writeInside(outDir, OUTPUT_MARKER, 'Written by synod: counterexample files, not specs. `synod check` skips this folder.\n');
}

/** Writes <out>/<spec name>.trace.json and returns its path. Deterministic: no timestamps. */
export function writeTrace(outDir: string, trace: Trace): string {
  return writeInside(outDir, `${trace.spec}.trace.json`, JSON.stringify(trace, null, 2) + '\n');
}

export interface CounterexampleFiles {
  readonly trace: string;
  readonly itf: string;
  readonly dot: string;
  /** Absent when the rendering failed (the warning says why); the DOT file holds the same diagram. */
  readonly svg?: string;
}

export interface CounterexampleOptions {
  /** Whether the spec runs with time: ITF records it and the diagram shows clocks. */
  readonly usesTime: boolean;
  /** The spec file, recorded as the ITF source. */
  readonly source?: string;
}

/**
 * SVG from DOT, or undefined with a warning: Graphviz runs in WebAssembly,
 * which a memory-capped machine may refuse. Test hook (README):
 * SYNOD_TEST_SVG_FAULT=1 makes it fail.
 */
export async function svgOrWarn(dot: string, what: string): Promise<string | undefined> {
  try {
    if (process.env.SYNOD_TEST_SVG_FAULT === '1') throw new Error('WebAssembly.instantiate(): Out of memory (SYNOD_TEST_SVG_FAULT)');
    return await renderSvg(dot);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    warn(`${what}: SVG rendering failed (${message}); the DOT file holds the same diagram`);
    return undefined;
  }
}

/** One line naming the files written. */
export function filesLine(files: CounterexampleFiles): string {
  return `  trace written to ${files.trace}; diagram ${files.svg ?? '(no SVG)'} (${files.dot}), ITF ${files.itf}`;
}

/** The files' paths for --json. */
export function filesJson(files: CounterexampleFiles | undefined): Readonly<Record<string, string>> {
  if (files === undefined) return {};
  return { traceFile: files.trace, itfFile: files.itf, dotFile: files.dot, ...(files.svg === undefined ? {} : { svgFile: files.svg }) };
}

/**
 * Writes <out>/<spec name>.{trace.json, itf.json, dot, svg}: the raw trace,
 * the ITF trace, the space-time diagram and its rendering. Deterministic:
 * the same trace gives byte-identical files. Throws EscapeError for a spec
 * name that would leave the folder (before writing anything) and
 * WriteError when the disk refuses.
 */
export async function writeCounterexample(outDir: string, trace: Trace, options: CounterexampleOptions): Promise<CounterexampleFiles> {
  const name = trace.spec;
  for (const ext of ['.trace.json', '.itf.json', '.dot', '.svg']) pathInside(outDir, `${name}${ext}`);
  const dot = spaceTimeDot(trace, { usesTime: options.usesTime });
  const svg = await svgOrWarn(dot, name);
  markOutput(outDir);
  // No SVG this time: an older one would show a different trace.
  if (svg === undefined) rmSync(pathInside(outDir, `${name}.svg`), { force: true });
  return {
    trace: writeTrace(outDir, trace),
    itf: writeInside(outDir, `${name}.itf.json`, itfText(toItf(trace, options))),
    dot: writeInside(outDir, `${name}.dot`, dot),
    ...(svg === undefined ? {} : { svg: writeInside(outDir, `${name}.svg`, svg) }),
  };
}
