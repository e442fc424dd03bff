/**
 * JUnit XML of a merged run: one test case per spec of a check run (a spec
 * no shard ran is an error, not a pass) and one per swarm (an incomplete
 * swarm is an error). Characters XML 1.0 cannot carry are dropped, so a
 * strange spec name cannot lose the whole report.
 */
import type { MergedCheckRun, MergedReport, MergedSwarm } from './merge.js';
import { mergeLines } from './merge-text.js';

function esc(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly failure?: string;
  readonly error?: string;
}

function checkCases(run: MergedCheckRun): Case[] {
  return run.specs.map((s): Case => {
    const r = s.result;
    const base = { classname: `synod.${r?.protocol ?? 'unknown'}`, name: s.name, seconds: r?.seconds ?? 0 };
    if (r === undefined) return { ...base, error: `not run: shard ${s.shard.index}/${s.shard.count} is missing or was cut short` };
    if (r.asExpected) return base;
    if (r.verdict === 'incomplete') return { ...base, error: `search stopped at the ${r.limit ?? ''} limit before finishing; expected ${r.expected}` };
    const got = r.verdict === 'violation' ? `violation of ${r.property ?? '?'}: ${r.message ?? ''}` : r.verdict;
    return { ...base, failure: `expected ${r.expected}, got ${got} (shard ${s.shard.index}/${s.shard.count})` };
  });
}

function swarmCase(run: MergedSwarm): Case {
  const base = { classname: `synod.simulate.${run.members[0]?.protocol ?? 'unknown'}`, name: run.spec, seconds: run.figures.slowest };
  if (run.asExpected) return base;
  if (run.verdict === 'incomplete') return { ...base, error: `members ${run.missing.map((i) => `${i}/${run.count}`).join(', ')} missing: not a pass` };
  const got = run.verdict === 'violation' ? `violation of ${run.properties.join(', ')}` : 'no violation found';
  return { ...base, failure: `expected ${run.expected}, got ${got}` };
}

export function mergedJunitXml(report: MergedReport): string {
  const cases = report.runs.flatMap((r) => (r.kind === 'check' ? checkCases(r) : [swarmCase(r)]));
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const time = cases.reduce((t, c) => t + c.seconds, 0).toFixed(3);
  const attrs = `tests="${cases.length}" failures="${failures}" errors="${errors}" time="${time}"`;
  const body = cases.map((c) => {
    const verdict =
      c.failure !== undefined
        ? `      <failure type="verdict" message="${esc(c.failure)}"/>\n`
        : c.error !== undefined
          ? `      <error type="incomplete" message="${esc(c.error)}"/>\n`
          : '';
    return `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}" time="${c.seconds.toFixed(3)}">\n${verdict}    </testcase>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="synod merge" ${attrs}>\n` +
    `  <testsuite name="synod merge" ${attrs}>\n` +
    body.join('') +
    `    <system-out>${esc(mergeLines(report).join('\n'))}</system-out>\n` +
    '  </testsuite>\n</testsuites>\n'
  );
}
