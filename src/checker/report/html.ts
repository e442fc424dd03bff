/**
 * A counterexample as one self-contained HTML file: the space-time diagram
 * (inline SVG) beside a panel with the node states at the current step and
 * what the step changed, and every property's status there; buttons and
 * arrow keys step forward and back, #step=N in the address reopens a step.
 * No server, no network, nothing loaded: it opens from disk, so a teacher
 * can mail it to a class.
 */
import type { Trace } from '../trace.js';
import { html } from './dot-text.js';
import { pageData } from './page-data.js';
import { PAGE_COMMON, PAGE_CSS, TRACE_SCRIPT } from './page-script.js';

/** JSON safe inside a <script> element. */
export function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The <svg> element of a rendered diagram, without the XML prologue. */
export function inlineSvg(svg: string): string {
  const at = svg.indexOf('<svg');
  return at < 0 ? svg : svg.slice(at);
}

export function htmlTrace(trace: Trace, svg: string, options: { readonly usesTime: boolean }): string {
  const data = pageData(trace, options.usesTime);
  const what = trace.violation === undefined ? 'trace' : `${trace.loop === undefined ? 'violates' : 'never reaches'} ${trace.violation.property}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${html(`${trace.spec}: ${what}`)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>${html(trace.spec)}: ${html(what)}${trace.violation === undefined ? '' : ` after ${trace.steps.length} steps`}</h1>
<div class="params">${html(data.params)}</div>
<div class="controls">
<button id="first" title="initial state (Home)">|◀ start</button>
<button id="prev" title="step back (← or k)">◀ back</button>
<button id="next" title="step forward (→ or j)">forward ▶</button>
<button id="last" title="last step (End)">end ▶|</button>
<span class="where" id="where"></span>
<span class="kbd">keys: ← → (or k j), Home, End; click a box to jump to its step</span>
</div>
</header>
<main>
<div id="diagram">${inlineSvg(svg)}</div>
<div id="panel"></div>
</main>
<script type="application/json" id="data">${scriptJson(data)}</script>
<script>${PAGE_COMMON}${TRACE_SCRIPT}</script>
</body>
</html>
`;
}
