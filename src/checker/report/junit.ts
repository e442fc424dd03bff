/**
 * JUnit XML for CI dashboards: one test case per spec. A verdict as expected
 * passes; a verdict not as expected is a failure; a search stopped by a bound
 * is an error (it decided nothing).
 */
import type { CheckResult } from '../run.js';
import { summaryLines } from './text.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function junitXml(results: readonly CheckResult[]): string {
  const failures = results.filter((r) => !r.asExpected && r.verdict !== 'incomplete').length;
  const errors = results.filter((r) => !r.asExpected && r.verdict === 'incomplete').length;
  const time = results.reduce((t, r) => t + r.seconds, 0);
  const cases = results.map((r) => {
    const out = `      <system-out>${esc(summaryLines(r).join('\n'))}</system-out>\n`;
    let verdict = '';
    if (!r.asExpected && r.verdict === 'incomplete') {
      verdict = `      <error type="incomplete" message="${esc(`search stopped at the ${r.limit ?? ''} limit before finishing; expected ${r.expected}`)}"/>\n`;
    } else if (!r.asExpected) {
      const got = r.verdict === 'violation' ? `violation of ${r.property ?? '?'}: ${r.message ?? ''}` : r.vacuous !== undefined ? `a vacuous pass (${r.message ?? ''})` : r.verdict;
      verdict = `      <failure type="${esc(r.verdict)}" message="${esc(`expected ${r.expected}, got ${got}`)}"/>\n`;
    }
    return `    <testcase classname="synod.${esc(r.protocol)}" name="${esc(r.spec)}" time="${r.seconds.toFixed(3)}">\n${verdict}${out}    </testcase>\n`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="synod check" tests="${results.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n` +
    `  <testsuite name="synod check" tests="${results.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n` +
    cases.join('') +
    '  </testsuite>\n</testsuites>\n'
  );
}
