/**
 * DOT to SVG in-process, with Graphviz compiled to WebAssembly: no system
 * `dot` needed. Loading the module is asynchronous and costs tens of
 * milliseconds, so it is loaded once and shared.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { FONT } from './dot-text.js';

let loading: Promise<Graphviz> | undefined;

/**
 * Emscripten binds console.error as the module's error printer when it
 * loads, and prints its own "Aborted(...)" line when WebAssembly cannot get
 * memory. Callers report a failed rendering themselves, in one line: the
 * module is loaded with a silent printer.
 */
function graphviz(): Promise<Graphviz> {
  if (loading === undefined) {
    const printer = console.error;
    console.error = () => undefined;
    try {
      loading = Graphviz.load();
    } finally {
      console.error = printer;
    }
  }
  return loading;
}

/**
 * Lays out with Courier metrics (see FONT), then lets the viewer fall back
 * to any monospace font: a machine without Courier still gets fixed width.
 */
export async function renderSvg(dot: string): Promise<string> {
  const gv = await graphviz();
  const svg = gv.dot(dot);
  return svg.replace(new RegExp(`font-family="${FONT}[^"]*"`, 'g'), `font-family="${FONT}, 'DejaVu Sans Mono', 'Liberation Mono', monospace"`);
}
