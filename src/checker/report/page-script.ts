/**
 * The browser side of the HTML trace and the explorer: plain JavaScript and
 * CSS, no framework and nothing fetched, so a page works from disk. Both
 * pages render a world (PageWorld, see page-data.ts) with the same code.
 */

export const PAGE_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 14px; border-bottom: 1px solid #ddd; background: #fafafa; position: sticky; top: 0; z-index: 2; }
header h1 { font-size: 16px; margin: 0 0 2px; }
header .params { font-family: monospace; color: #555; font-size: 12px; }
.controls { margin-top: 6px; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.controls button { font-size: 14px; padding: 2px 10px; }
.controls .where { font-family: monospace; margin-left: 8px; }
main { display: flex; gap: 0; height: calc(100vh - 96px); }
#diagram { flex: 1 1 60%; overflow: auto; border-right: 1px solid #ddd; }
#diagram svg { display: block; }
#panel { flex: 1 1 40%; overflow: auto; padding: 8px 14px; min-width: 340px; }
#panel h2 { font-size: 15px; margin: 4px 0 6px; font-family: monospace; }
.loopnote { color: #1565c0; font-weight: bold; margin: 4px 0; }
table.nodes { border-collapse: collapse; width: 100%; font-family: monospace; font-size: 12px; }
table.nodes td, table.nodes th { border-bottom: 1px solid #eee; padding: 3px 4px; vertical-align: top; text-align: left; }
tr.changed { background: #fff8e1; }
tr.down td.id { color: #c62828; }
.changes { color: #1a4f8b; }
.sent { font-family: monospace; font-size: 12px; color: #555; margin: 6px 0; }
ul.props { list-style: none; padding: 0; margin: 4px 0; }
ul.props li { margin: 3px 0; padding: 3px 6px; border-radius: 4px; }
ul.props li.ok { background: #e8f5e9; }
ul.props li.fail { background: #fde0dc; }
ul.props li.waiting { background: #fff3e0; }
ul.props ul { margin: 2px 0 0 16px; padding: 0; list-style: disc; font-family: monospace; font-size: 12px; }
#diagram g.current > path, #diagram g.current > polygon, #diagram g.current > ellipse { stroke: #ff6f00; stroke-width: 4px; }
#diagram g.edge.hot > path { stroke-width: 3.5px; }
.succ { list-style: none; padding: 0; }
.succ li { margin: 2px 0; }
.succ button { font-family: monospace; font-size: 12px; text-align: left; width: 100%; padding: 3px 6px; border: 1px solid #ccc; background: #fff; border-radius: 4px; cursor: pointer; }
.succ button:hover { background: #e3f2fd; }
.succ .v0 { border-left: 6px solid #1e88e5; }
.succ .v1 { border-left: 6px solid #43a047; }
.succ .vb { border-left: 6px solid #8e24aa; }
.succ .vd { border-left: 6px solid #9e9e9e; }
.succ .bad { border-left: 6px solid #c62828; }
.legend span { display: inline-block; padding: 0 6px; margin-right: 4px; border-left: 6px solid; font-size: 12px; }
.kbd { font-size: 12px; color: #777; }
`;

/** Shared rendering: el(), worldPanel(), highlight(). */
export const PAGE_COMMON = String.raw`
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(typeof k === 'string' ? document.createTextNode(k) : k);
  return e;
}

/** The panel for world i of data (0: the initial world). */
function worldPanel(data, i) {
  const w = data.worlds[i];
  const n = data.worlds.length - 1;
  const out = el('div', { id: 'world', 'data-step': String(i) });
  out.append(el('h2', { id: 'step-label' }, i === 0 ? 'Initial state' : 'Step ' + i + ' of ' + n + ': ' + w.label));
  if (data.loop !== undefined && i > data.loop) {
    const upTo = data.view === undefined ? '' : ' up to the view (' + data.view + '): the numbers climb each time round';
    out.append(el('div', { class: 'loopnote', id: 'loopnote' }, '⟲ in the loop: steps ' + (data.loop + 1) + '–' + n + ' repeat forever' + upTo));
  }
  if (w.time !== undefined) out.append(el('div', { class: 'sent' }, 'global time ' + w.time));
  const rows = w.nodes.map((nd) => el('tr', { class: (nd.changes.length > 0 ? 'changed ' : '') + (nd.up ? '' : 'down'), 'data-node': nd.id },
    el('td', { class: 'id' }, nd.id + (nd.up ? '' : ' (down)')),
    el('td', {}, el('div', {}, nd.summary), nd.clock === undefined ? null : el('div', { class: 'kbd' }, nd.clock),
      nd.changes.length === 0 ? null : el('div', { class: 'changes' }, nd.changes.map((c) => el('div', {}, '△ ' + c))))));
  out.append(el('table', { class: 'nodes' }, el('tr', {}, el('th', {}, 'node'), el('th', {}, 'state (△ what this step changed)')), rows));
  if (w.sent.length > 0) out.append(el('div', { class: 'sent', id: 'sent' }, 'sends: ' + w.sent.join(', ')));
  const k = w.network.length;
  out.append(el('details', { class: 'sent', id: 'network' }, el('summary', {}, k + ' message' + (k === 1 ? '' : 's') + ' on the network'), w.network.map((m) => el('div', {}, m))));
  out.append(el('h2', {}, 'Properties'));
  const props = data.properties.map((p, k) => {
    const b = w.broken[k];
    const status = b === null || b === undefined ? 'ok' : p.kind === 'eventually' ? 'waiting' : 'fail';
    const text = status === 'ok' ? '✓ ' + p.name + ' holds' : status === 'waiting' ? '… ' + p.name + ': ' + b.message : '✗ ' + p.name + ' VIOLATED: ' + b.message;
    return el('li', { class: status, 'data-property': p.name, 'data-status': status, title: p.description }, text,
      b && b.witnesses.length > 0 ? el('ul', {}, b.witnesses.map((x) => el('li', {}, x))) : null);
  });
  out.append(el('ul', { class: 'props', id: 'props' }, props));
  return out;
}

/** Marks step i's box and arrows in the diagram and scrolls it into view. */
function highlight(root, i) {
  for (const g of root.querySelectorAll('.current, .hot')) g.classList.remove('current', 'hot');
  const box = root.querySelector(i === 0 ? '#head0' : '#ev' + i);
  if (i === 0) for (const h of root.querySelectorAll('g[id^="head"]')) h.classList.add('current');
  else if (box) box.classList.add('current');
  for (const e of root.querySelectorAll('g.edge.in' + i + ', g.edge.out' + i)) e.classList.add('hot');
  if (box && box.scrollIntoView) box.scrollIntoView({ block: 'center', inline: 'nearest' });
}
`;

/** The HTML trace: step with buttons or keys, the step in the URL (#step=N). */
export const TRACE_SCRIPT = String.raw`
const data = JSON.parse(document.getElementById('data').textContent);
const diagram = document.getElementById('diagram');
const n = data.worlds.length - 1;
let at = 0;
function show(i) {
  at = Math.max(0, Math.min(n, i));
  document.getElementById('panel').replaceChildren(worldPanel(data, at));
  document.getElementById('where').textContent = 'step ' + at + ' / ' + n;
  highlight(diagram, at);
  history.replaceState(null, '', '#step=' + at);
}
document.getElementById('first').onclick = () => show(0);
document.getElementById('prev').onclick = () => show(at - 1);
document.getElementById('next').onclick = () => show(at + 1);
document.getElementById('last').onclick = () => show(n);
document.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight' || e.key === 'j' || e.key === 'n') show(at + 1);
  else if (e.key === 'ArrowLeft' || e.key === 'k' || e.key === 'p') show(at - 1);
  else if (e.key === 'Home') show(0);
  else if (e.key === 'End') show(n);
  else return;
  e.preventDefault();
});
diagram.addEventListener('click', (e) => {
  const g = e.target.closest && e.target.closest('g[id^="ev"]');
  if (g) show(Number(g.id.slice(2)));
});
const m = /step=(\d+)/.exec(location.hash);
show(m ? Number(m[1]) : 0);
`;
