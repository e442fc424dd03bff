/** `synod trace FILE.itf.json --format text|dot|svg|html [--out FILE]`: re-renders a saved counterexample. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderDiagram } from '../checker/report/diagram.js';
import { traceUsesTime } from '../checker/report/events.js';
import { ItfError, fromItf, type ParsedItf } from '../checker/report/itf.js';
import { htmlTrace } from '../checker/report/html.js';
import { formatParams, traceLines } from '../checker/report/text.js';
import type { Trace } from '../checker/trace.js';
import { InputError } from './spec-files.js';

export const TRACE_FORMATS = ['text', 'dot', 'svg', 'html'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export interface TraceArgs {
  readonly file: string;
  readonly format: TraceFormat;
  /** Write here instead of stdout. */
  readonly out?: string;
}

function isRawTrace(x: unknown): x is Trace {
  return typeof x === 'object' && x !== null && 'initial' in x && 'steps' in x && !('states' in x);
}

/** Reads an ITF file written by `synod check` (or, as a convenience, a .trace.json). */
export function loadTraceFile(file: string): ParsedItf {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (isRawTrace(json)) return { trace: json, usesTime: traceUsesTime(json) };
  try {
    return fromItf(json);
  } catch (e) {
    if (e instanceof ItfError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

export async function renderTrace(parsed: ParsedItf, format: TraceFormat): Promise<string> {
  const { trace, usesTime } = parsed;
  if (format === 'text') {
    const head = `${trace.spec}: ${trace.protocol} ${formatParams(trace.params)}${trace.bugs.length > 0 ? ` bugs=${trace.bugs.join(',')}` : ''}`;
    return [head, ...traceLines(trace, usesTime)].join('\n') + '\n';
  }
  const { dot, svg } = await renderDiagram(trace, { usesTime });
  if (format === 'dot') return dot;
  return format === 'svg' ? svg : htmlTrace(trace, svg, { usesTime });
}

export async function runTrace(args: TraceArgs, print: (text: string) => void): Promise<number> {
  const text = await renderTrace(loadTraceFile(args.file), args.format);
  if (args.out === undefined) print(text.replace(/\n$/, ''));
  else {
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, text);
  }
  return 0;
}
