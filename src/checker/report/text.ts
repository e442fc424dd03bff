/** Plain-text reporting: a run's figures and a counterexample, step by step. */
import type { CheckResult } from '../run.js';
import type { NodeSnapshot, Trace, WorldSnapshot } from '../trace.js';

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

export function summaryLines(r: CheckResult): string[] {
  const verdict =
    r.verdict === 'pass'
      ? 'pass'
      : r.verdict === 'violation'
        ? `VIOLATION of ${r.property}`
        : r.limit === 'interrupted'
          ? 'INCOMPLETE (interrupted by a signal: cut short)'
          : `INCOMPLETE (${r.limit ?? 'bound'} limit reached)`;
  const mark = r.asExpected ? 'as expected' : r.verdict === 'incomplete' ? 'undecided' : 'NOT AS EXPECTED';
  const head = `${r.spec}: ${r.protocol} ${formatParams(r.params)}${r.bugs.length > 0 ? ` bugs=${r.bugs.join(',')}` : ''} network=${r.network}`;
  const figures =
    `  ${formatCount(r.states)} states, ${formatCount(r.transitions)} transitions, depth ${r.depth}, ` +
    `${r.seconds.toFixed(2)} s, ${formatCount(r.statesPerSecond)} states/s, ${formatCount(r.transitionsPerSecond)} transitions/s`;
  const collision = `  fingerprint collision probability ≤ ${r.collisionProbability.toExponential(1)} (optimistic estimate)`;
  const vacuous = r.vacuous === undefined ? '' : `, but VACUOUS: no reachable world satisfies ${r.vacuous.join(', ')}`;
  const lines = [head, figures, collision, `  verdict: ${verdict}${vacuous} (expected ${r.expected}: ${mark})`];
  if (r.verdict === 'pass' && r.vacuous === undefined && r.witnesses !== undefined) lines.push(`  witnesses reached: ${r.witnesses.join(', ')}`);
  if (r.traceLength !== undefined) lines.push(`  shortest counterexample: ${r.traceLength} steps`);
  return lines;
}

function nodeLine(n: NodeSnapshot, time: boolean): string {
  const status = n.up ? '' : ' [down]';
  const clock = time ? ` (clock ${n.clock})` : '';
  return `${n.id}${status}${clock}: ${n.summary}`;
}

/** Node lines that differ between two worlds. */
function changes(before: WorldSnapshot, after: WorldSnapshot, time: boolean): string[] {
  const out: string[] = [];
  after.nodes.forEach((n, i) => {
    const b = before.nodes[i];
    if (b.summary !== n.summary || b.up !== n.up || (time && b.clock !== n.clock)) out.push(nodeLine(n, time));
  });
  return out;
}

export function traceLines(trace: Trace, usesTime: boolean): string[] {
  const lines: string[] = ['  initial state:'];
  for (const n of trace.initial.nodes) lines.push(`      ${nodeLine(n, usesTime)}`);
  let before = trace.initial;
  const width = String(trace.steps.length).length;
  trace.steps.forEach((s, i) => {
    if (trace.loop === i) lines.push('  ---- the loop starts here and repeats forever ----');
    const time = usesTime ? ` [t=${s.world.time}]` : '';
    lines.push(`  ${String(i + 1).padStart(width)}. ${s.label}${time}`);
    for (const c of changes(before, s.world, usesTime)) lines.push(`      ${c}`);
    if (s.sent.length > 0) lines.push(`      sends ${s.sent.map((m) => `${m.text} ${m.from}→${m.to}`).join(', ')}`);
    before = s.world;
  });
  if (trace.loop !== undefined) lines.push(`  ---- back to step ${trace.loop + 1} ----`);
  if (trace.violation !== undefined) {
    lines.push(`  violated: ${trace.violation.property}: ${trace.violation.message}`);
    for (const w of trace.violation.witnesses) lines.push(`      ${w}`);
  }
  for (const note of trace.notes ?? []) lines.push(`  note: ${note}`);
  return lines;
}
