/** Writes a counterexample's files into the output folder: confined to it, each file whole or not at all. */
import { renderDiagram } from '../checker/report/diagram.js';
import { spaceTimeDot } from '../checker/report/dot.js';
import { htmlTrace } from '../checker/report/html.js';
import { itfText, toItf } from '../checker/report/itf.js';
import type { Trace } from '../checker/trace.js';
import { warn } from './errors.js';
import { rmSync } from 'node:fs';
import { pathInside, writeInside } from './safe-write.js';
import { OUTPUT_MARKER } from './spec-files.js';

export { OUTPUT_MARKER };

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
  /** Written when asked (`--html`) and the SVG it embeds could be rendered. */
  readonly html?: string;
}

export interface CounterexampleOptions {
  /** Whether the spec runs with time: ITF records it and the diagram shows clocks. */
  readonly usesTime: boolean;
  /** The spec file, recorded as the ITF source. */
  readonly source?: string;
  /** Also write the self-contained HTML trace (<name>.html). */
  readonly html?: boolean;
}

/**
 * The diagram's DOT and SVG, or its DOT alone with a warning: Graphviz runs
 * in WebAssembly, which a memory-capped machine may refuse. Test hook
 * (README): SYNOD_TEST_SVG_FAULT=1 makes it fail.
 */
export async function diagramOrWarn(trace: Trace, usesTime: boolean, what: string): Promise<{ readonly dot: string; readonly svg?: string }> {
  try {
    if (process.env.SYNOD_TEST_SVG_FAULT === '1') throw new Error('WebAssembly.instantiate(): Out of memory (SYNOD_TEST_SVG_FAULT)');
    return await renderDiagram(trace, { usesTime });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    warn(`${what}: SVG rendering failed (${message}); the DOT file holds the same diagram`);
    return { dot: spaceTimeDot(trace, { usesTime }) };
  }
}

/** One line naming the files written. */
export function filesLine(files: CounterexampleFiles): string {
  return `  trace written to ${files.trace}; diagram ${files.svg ?? '(no SVG)'} (${files.dot}), ITF ${files.itf}${files.html === undefined ? '' : `, HTML ${files.html}`}`;
}

/** The files' paths for --json. */
export function filesJson(files: CounterexampleFiles | undefined): Readonly<Record<string, string>> {
  if (files === undefined) return {};
  return { traceFile: files.trace, itfFile: files.itf, dotFile: files.dot, ...(files.svg === undefined ? {} : { svgFile: files.svg }), ...(files.html === undefined ? {} : { htmlFile: files.html }) };
}

/**
 * Writes <out>/<spec name>.{trace.json, itf.json, dot, svg}: the raw trace,
 * the ITF trace, the space-time diagram and its rendering, and with `html`
 * the HTML trace beside them. Deterministic: the same trace gives
 * byte-identical files. Throws EscapeError for a spec name that would leave
 * the folder (before writing anything) and WriteError when the disk refuses.
 */
export async function writeCounterexample(outDir: string, trace: Trace, options: CounterexampleOptions): Promise<CounterexampleFiles> {
  const name = trace.spec;
  for (const ext of ['.trace.json', '.itf.json', '.dot', '.svg', '.html']) pathInside(outDir, `${name}${ext}`);
  const { dot, svg } = await diagramOrWarn(trace, options.usesTime, name);
  markOutput(outDir);
  // No SVG this time: an older one (and the page embedding it) would show a different trace.
  if (svg === undefined) for (const ext of ['.svg', '.html']) rmSync(pathInside(outDir, `${name}${ext}`), { force: true });
  return {
    trace: writeTrace(outDir, trace),
    itf: writeInside(outDir, `${name}.itf.json`, itfText(toItf(trace, options))),
    dot: writeInside(outDir, `${name}.dot`, dot),
    ...(svg === undefined ? {} : { svg: writeInside(outDir, `${name}.svg`, svg) }),
    ...(svg !== undefined && options.html === true ? { html: writeInside(outDir, `${name}.html`, htmlTrace(trace, svg, { usesTime: options.usesTime })) } : {}),
  };
}
