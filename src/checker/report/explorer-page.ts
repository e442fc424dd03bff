/**
 * The explorer's page (served by `synod explore`): the world reached by a
 * path, its diagram and node states (drawn by the same code as the HTML
 * trace), the events enabled there to pick from, back and restart, and a
 * jump to the shortest counterexample. The path is the page's address
 * (?path=3.0.1), so a link reopens the same world.
 */
import { html } from './dot-text.js';
import { PAGE_COMMON, PAGE_CSS } from './page-script.js';

const EXPLORER_SCRIPT = String.raw`
const diagram = document.getElementById('diagram');
let path = [];
function pathFromUrl() {
  const p = new URLSearchParams(location.search).get('path');
  return p === null || p === '' ? [] : p.split('.').map(Number);
}
function linkOf(p) { return location.origin + location.pathname + (p.length === 0 ? '' : '?path=' + p.join('.')); }
async function load(p, push) {
  const r = await fetch('api/world?path=' + p.join('.'));
  const body = await r.json();
  if (!r.ok) { document.getElementById('error').textContent = body.error; return; }
  document.getElementById('error').textContent = '';
  path = body.path;
  if (push) history.pushState(null, '', linkOf(path));
  diagram.innerHTML = body.svg;
  const last = body.data.worlds.length - 1;
  highlight(diagram, last);
  const panel = worldPanel(body.data, last);
  if (body.valence !== undefined) panel.insertBefore(el('div', { class: 'loopnote', id: 'valence' }, 'this world is ' + body.valence), panel.children[1]);
  const succ = body.successors.map((s) => {
    const cls = s.breaks.length > 0 ? 'bad' : s.valence === undefined ? '' : s.valence.startsWith('bivalent') ? 'vb' : s.valence.startsWith('decided') ? 'vd' : s.valence.startsWith(body.values[0] + '-') ? 'v0' : 'v1';
    const note = (s.breaks.length > 0 ? '  ✗ breaks ' + s.breaks.join(', ') : '') + (s.valence === undefined ? '' : '  [' + s.valence + ']');
    return el('li', {}, el('button', { class: cls, 'data-ordinal': String(s.ordinal), 'data-kind': s.kind, onclick: () => load([...path, s.ordinal], true) }, s.label + note));
  });
  panel.append(el('h2', {}, 'Enabled events (' + body.successors.length + ')'), el('ul', { class: 'succ', id: 'successors' }, succ));
  if (body.successors.length === 0) panel.append(el('div', { class: 'sent' }, 'nothing is enabled: every run through this world ends here'));
  document.getElementById('panel').replaceChildren(panel);
  document.getElementById('where').textContent = path.length + (path.length === 1 ? ' step' : ' steps');
  document.getElementById('link').value = linkOf(path);
  document.getElementById('back').disabled = path.length === 0;
}
document.getElementById('back').onclick = () => load(path.slice(0, -1), true);
document.getElementById('restart').onclick = () => load([], true);
window.addEventListener('popstate', () => load(pathFromUrl(), false));
const cx = document.getElementById('cx');
fetch('api/counterexample').then((r) => r.json()).then((c) => {
  if (c.path === null) { cx.textContent = c.reason; return; }
  cx.textContent = 'jump to the shortest counterexample (' + c.path.length + ' steps, ' + c.property + ')';
  cx.disabled = false;
  cx.onclick = () => load(c.path, true);
});
load(pathFromUrl(), false);
`;

export function explorerPage(spec: string, params: string, valenceLegend: readonly string[] | null): string {
  const legend =
    valenceLegend === null
      ? ''
      : `<div class="legend" id="legend">valence: <span style="border-color:#1e88e5">${html(valenceLegend[0] ?? 'v1')}-valent</span><span style="border-color:#43a047">${html(valenceLegend[1] ?? 'v2')}-valent</span><span style="border-color:#8e24aa">bivalent</span><span style="border-color:#9e9e9e">decided</span><span style="border-color:#c62828">breaks an invariant</span></div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${html(`synod explore: ${spec}`)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<h1>explore ${html(spec)}</h1>
<div class="params">${html(params)}</div>
<div class="controls">
<button id="back" title="undo the last step">◀ back</button>
<button id="restart" title="the initial world">|◀ restart</button>
<button id="cx" disabled>looking for a counterexample…</button>
<span class="where" id="where"></span>
<label class="kbd">link to this world: <input id="link" size="48" readonly></label>
<span id="error" style="color:#c62828"></span>
</div>
${legend}
</header>
<main>
<div id="diagram"></div>
<div id="panel"></div>
</main>
<script>${PAGE_COMMON}${EXPLORER_SCRIPT}</script>
</body>
</html>
`;
}
