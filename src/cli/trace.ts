/** `synod trace FILE.itf.json --format text|dot|svg|html [--out FILE]`: re-renders a saved counterexample. */
import { readFileSync, statSync } from 'node:fs';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../checker/json-depth.js';
import { renderDiagram } from '../checker/report/diagram.js';
import { traceUsesTime } from '../checker/report/events.js';
import { ItfError, fromItf, type ParsedItf } from '../checker/report/itf.js';
import { htmlTrace } from '../checker/report/html.js';
import { formatParams, traceLines } from '../checker/report/text.js';
import { checkTrace, TraceFileError } from '../checker/report/trace-check.js';
import { writeFileAtomic } from './safe-write.js';
import { InputError } from './spec-files.js';

/** Largest trace file read (bytes): synod's own counterexamples are a few hundred KB. */
export const MAX_TRACE_BYTES = 32 * 2 ** 20;
/** Most states rendered: past it a diagram is unreadable and Graphviz's layout takes minutes. */
export const MAX_TRACE_STATES = 10_000;

export const TRACE_FORMATS = ['text', 'dot', 'svg', 'html'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export interface TraceArgs {
  readonly file: string;
  readonly format: TraceFormat;
  /** Write here instead of stdout. */
  readonly out?: string;
}

function isRawTrace(x: unknown): boolean {
  return typeof x === 'object' && x !== null && 'initial' in x && 'steps' in x && !('states' in x);
}

function statesIn(json: unknown): number {
  const o = json as { states?: unknown; steps?: unknown };
  return Array.isArray(o.states) ? o.states.length : Array.isArray(o.steps) ? o.steps.length + 1 : 0;
}

/** Reads an ITF file written by `synod check` (or, as a convenience, a .trace.json), checked as strictly as a spec file. */
export function loadTraceFile(file: string): ParsedItf {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`${file}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: no such file`);
  }
  if (size > MAX_TRACE_BYTES) throw new InputError(`${file}: ${size.toLocaleString('en-US')} bytes; synod trace reads at most ${MAX_TRACE_BYTES.toLocaleString('en-US')}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not JSON (${(e as Error).message})`);
  }
  if (nestsDeeperThan(json)) throw new InputError(`${file}: nested deeper than ${MAX_JSON_DEPTH} levels`);
  const states = statesIn(json);
  if (states > MAX_TRACE_STATES) throw new InputError(`${file}: ${states.toLocaleString('en-US')} states; synod trace renders at most ${MAX_TRACE_STATES.toLocaleString('en-US')}`);
  try {
    if (isRawTrace(json)) {
      const trace = checkTrace(json);
      return { trace, usesTime: traceUsesTime(trace) };
    }
    return fromItf(json);
  } catch (e) {
    if (e instanceof ItfError || e instanceof TraceFileError) throw new InputError(`${file}: ${e.message}`);
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
  else writeFileAtomic(args.out, text);
  return 0;
}
