/** The merged report as text: every spec's verdict, summed figures, and for a swarm the shortest counterexample with its replay line. */
import { formatCount, traceLines } from '../report/text.js';
import type { MergedCheckRun, MergedCheckSpec, MergedReport, MergedSwarm, Figures } from './merge.js';

function list(shards: readonly number[], count: number): string {
  return shards.map((i) => `${i}/${count}`).join(', ');
}

function figuresText(f: Figures, parts: string): string {
  return `${f.seconds.toFixed(2)} s summed over ${parts} (slowest ${f.slowest.toFixed(2)} s), ${f.cpuSeconds.toFixed(2)} CPU s`;
}

function partialLine(kind: string, count: number, missing: readonly number[], cut: readonly number[] = []): string[] {
  const parts = [
    ...(missing.length === 0 ? [] : [`${kind} ${list(missing, count)} missing`]),
    ...(cut.length === 0 ? [] : [`${kind} ${list(cut, count)} cut short (no closing record)`]),
  ];
  return parts.length === 0 ? [] : [`  PARTIAL: ${parts.join('; ')}: not a pass`];
}

function specLine(s: MergedCheckSpec): string {
  const r = s.result;
  const at = `[shard ${s.shard.index}/${s.shard.count}]`;
  if (r === undefined) return `  NOT RUN ${s.name} ${at}`;
  const what = r.verdict === 'violation' ? `violation (${r.property ?? '?'})` : r.verdict === 'incomplete' ? `incomplete (${r.limit ?? 'bound'} limit)` : 'pass';
  const mark = r.asExpected ? 'ok  ' : r.verdict === 'incomplete' ? 'UNDECIDED' : 'FAIL';
  const trace = r.traceLength === undefined ? '' : `, ${r.traceLength} steps`;
  return `  ${mark} ${r.spec}: ${what}${trace}, ${formatCount(r.states)} states, ${r.seconds.toFixed(2)} s ${at}${r.asExpected ? '' : ` (expected ${r.expected})`}`;
}

function checkLines(run: MergedCheckRun): string[] {
  const ran = run.specs.filter((s) => s.result !== undefined);
  const ok = run.specs.filter((s) => s.asExpected).length;
  const lines = [
    `check: spec set ${run.set}, ${run.specs.length} specs in ${run.count} shards (${run.complete.length} complete)`,
    ...partialLine('shard', run.count, run.missing, run.cut),
    ...run.specs.map(specLine),
    `  ${formatCount(run.states)} states, ${formatCount(run.transitions)} transitions over ${ran.length} specs; ${figuresText(run.figures, `${run.complete.length} shards`)}`,
  ];
  for (const s of run.specs) {
    const r = s.result;
    if (r?.trace === undefined || r.asExpected) continue;
    lines.push(`  ${r.spec}: counterexample (${r.trace.steps.length} steps):`, ...traceLines(r.trace, r.usesTime));
  }
  lines.push(`  ${ok} of ${run.specs.length} specs as expected`);
  return lines;
}

function swarmLines(run: MergedSwarm): string[] {
  const wanted = `expected ${run.expected}: ${run.asExpected ? 'as expected' : run.verdict === 'incomplete' ? 'undecided' : 'NOT AS EXPECTED'}`;
  const lengths = [...new Set(run.members.map((m) => m.maxSteps))].sort((a, b) => a - b);
  const span = lengths.length === 1 ? `${lengths[0]}` : `${lengths[0]}-${lengths[lengths.length - 1]}`;
  let verdict: string;
  if (run.verdict === 'violation') verdict = `VIOLATION of ${run.properties.join(', ')}`;
  else if (run.verdict === 'pass') verdict = `pass, bounded (simulation): no violation in ${formatCount(run.walks)} walks of up to ${span} steps by ${run.count} members; random walks are not a proof`;
  else if (run.verdict === 'none found') verdict = `none found in ${formatCount(run.walks)} walks by ${run.count} members`;
  else verdict = `INCOMPLETE: no violation in the members present, and ${run.missing.length} of ${run.count} missing`;
  const lines = [
    `simulate: ${run.spec} (${run.file}, spec ${run.specHash}), swarm of ${run.count} members (${run.members.length} present)`,
    ...partialLine('member', run.count, run.missing),
    `  verdict: ${verdict} (${wanted})`,
    `  ${formatCount(run.walks)} walks, ${formatCount(run.steps)} steps; ${figuresText(run.figures, `${run.members.length} members`)}`,
  ];
  for (const m of run.members) {
    const f = m.found;
    const got = f === undefined ? `none found${m.timedOut ? ' (stopped by the time limit)' : ''}` : `${m.property ?? '?'} after ${m.seconds.toFixed(2)} s of search (walk ${formatCount(f.run)}, ${f.foundLength} steps, shrunk to ${f.path.length})`;
    lines.push(`  member ${m.shard.index}/${m.shard.count}: ${got}; ${formatCount(m.walks)} walks, ${m.seconds.toFixed(2)} s, ${m.cpuSeconds.toFixed(2)} CPU s; ${m.profile.replace(/^swarm member \d+\/\d+: /, '')}`);
  }
  if (run.firstFound !== undefined) {
    const m = run.firstFound.member;
    lines.push(`  first counterexample after ${run.firstFound.seconds.toFixed(2)} s (${m.cpuSeconds.toFixed(2)} CPU s) of search, by member ${m.shard.index}/${m.shard.count}`);
  }
  const s = run.shortest;
  if (s?.found !== undefined) {
    lines.push(`  shortest counterexample: ${s.found.path.length} steps, by member ${s.shard.index}/${s.shard.count} (shrunk from ${s.found.foundLength})`);
    lines.push(`  replay: npx synod simulate ${s.file} --shard ${s.shard.index}/${s.shard.count} --seed ${s.baseSeed} --max-steps ${s.baseMaxSteps} --path ${s.found.replay}`);
    if (s.trace !== undefined) lines.push(...traceLines(s.trace, s.usesTime));
    if (s.traceFile !== undefined) lines.push(`  trace written by that member to ${s.traceFile}`);
  }
  return lines;
}

/** Runs that look like one run whose shards saw different files: the usual cause of a partial merge. */
function mixedNotes(report: MergedReport): string[] {
  const checks = report.runs.filter((r) => r.kind === 'check').length;
  const names = report.runs.flatMap((r) => (r.kind === 'simulate' ? [r.spec] : []));
  const twice = [...new Set(names.filter((n, k) => names.indexOf(n) !== k))];
  return [
    ...(checks > 1 ? [`note: shards of ${checks} different spec sets: did every shard check out the same commit?`] : []),
    ...twice.map((n) => `note: swarms of different versions of ${n}: did every member check out the same commit?`),
  ];
}

export function mergeLines(report: MergedReport): string[] {
  const lines: string[] = [...mixedNotes(report)];
  for (const run of report.runs) {
    lines.push(...(run.kind === 'check' ? checkLines(run) : swarmLines(run)), '');
  }
  const partial = report.runs.some((r) => r.exitCode === 3);
  const tail = report.exitCode === 0 ? 'every verdict as expected' : report.exitCode === 1 ? 'a verdict NOT as expected' : partial ? 'undecided: shards missing or searches stopped at a bound' : '';
  lines.push(`merged ${report.runs.length} run${report.runs.length === 1 ? '' : 's'}: ${tail} (exit ${report.exitCode})`);
  return lines;
}
