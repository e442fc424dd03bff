/**
 * DOT to SVG in-process, with Graphviz compiled to WebAssembly: no system
 * `dot` needed. Loading the module is asynchronous and costs tens of
 * milliseconds, so it is loaded once and shared.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { FONT } from './dot-text.js';

let loading: Promise<Graphviz> | undefined;

function graphviz(): Promise<Graphviz> {
  loading ??= Graphviz.load();
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
