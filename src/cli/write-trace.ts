/** Writes a counterexample's files into the output folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderDiagram } from '../checker/report/diagram.js';
import { htmlTrace } from '../checker/report/html.js';
import { itfText, toItf } from '../checker/report/itf.js';
import type { Trace } from '../checker/trace.js';

function write(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Writes <out>/<spec name>.trace.json and returns its path. Deterministic: no timestamps. */
export function writeTrace(outDir: string, trace: Trace): string {
  return write(join(outDir, `${trace.spec}.trace.json`), JSON.stringify(trace, null, 2) + '\n');
}

export interface CounterexampleFiles {
  readonly trace: string;
  readonly itf: string;
  readonly dot: string;
  readonly svg: string;
  /** Written when asked (`--html`). */
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
 * Writes <out>/<spec name>.{trace.json, itf.json, dot, svg}: the raw trace,
 * the ITF trace, the space-time diagram and its rendering, and with `html`
 * the HTML trace beside them. Deterministic:
 * the same trace gives byte-identical files.
 */
export async function writeCounterexample(outDir: string, trace: Trace, options: CounterexampleOptions): Promise<CounterexampleFiles> {
  const base = join(outDir, trace.spec);
  const { dot, svg } = await renderDiagram(trace, { usesTime: options.usesTime });
  return {
    trace: writeTrace(outDir, trace),
    itf: write(`${base}.itf.json`, itfText(toItf(trace, options))),
    dot: write(`${base}.dot`, dot),
    svg: write(`${base}.svg`, svg),
    ...(options.html === true ? { html: write(`${base}.html`, htmlTrace(trace, svg, { usesTime: options.usesTime })) } : {}),
  };
}
