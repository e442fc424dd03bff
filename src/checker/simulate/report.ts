/** Plain-text summary of a simulation; the trace itself goes through report/text.ts like check's. */
import { formatCount, formatParams } from '../report/text.js';
import { memberText } from '../shard/swarm.js';
import { replayArgs } from './replay-args.js';
import type { SimulateResult } from './run.js';

export function simulationLines(r: SimulateResult): string[] {
  const q = r.request;
  const head = `${r.spec}: ${r.protocol} ${formatParams(r.params)}${r.bugs.length > 0 ? ` bugs=${r.bugs.join(',')}` : ''} network=${r.network}`;
  const bounds = `  simulation: seed ${q.seed}, up to ${formatCount(q.runs)} walks of up to ${formatCount(q.maxSteps)} steps${q.replay === undefined ? '' : `, replaying path ${q.replay}`}`;
  const figures =
    `  ${formatCount(r.walks)} walks, ${formatCount(r.steps)} steps, ${r.seconds.toFixed(2)} s, ` +
    `${formatCount(r.walksPerSecond)} walks/s, ${formatCount(r.stepsPerSecond)} steps/s, ${formatCount(r.distinctStates)} distinct states touched` +
    (r.timedOut ? ' (stopped by the time limit)' : '');
  const verdict =
    r.verdict === 'violation'
      ? `VIOLATION of ${r.property}`
      : 'none found (random walks are not a proof: only exhaustive search is)';
  const mark = r.asExpected ? 'as expected' : 'NOT AS EXPECTED';
  const member = q.swarm === undefined ? [] : [`  ${memberText(q.swarm)}`];
  const lines = [head, ...member, bounds, figures, `  verdict: ${verdict} (expected ${r.expected}: ${mark})`];
  const f = r.found;
  if (f !== undefined) {
    lines.push(
      q.replay !== undefined
        ? `  replayed walk: ${f.path.length} steps`
        : `  found by walk ${formatCount(f.run)} after ${f.foundLength} steps; shrunk to ${f.path.length} steps ` +
            `(${f.shrinks} shrinks, ${f.shrinkSeconds.toFixed(2)} s${f.shrinkCut ? ', stopped by the shrink time limit' : ''})`,
    );
    lines.push(`  replay: ${replayArgs(q, f.replay)}`);
    lines.push(`  successor ordinals: ${f.path.join(',')}`);
  }
  return lines;
}
