/**
 * JUnit XML for CI dashboards: one test case per spec. A verdict as expected
 * passes; a verdict not as expected is a failure; a search stopped by a bound
 * (or a signal) is an error (it decided nothing); a spec a signal kept from
 * running is skipped. Well-formed whatever the names hold: characters XML 1.0
 * forbids (control characters) are written as visible \uXXXX text.
 */
import type { CheckResult } from '../run.js';
import { summaryLines } from './text.js';

export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A spec that did not run: a signal stopped the run first. */
export interface NotRun {
  readonly spec: string;
  readonly protocol: string;
}

function testcase(classname: string, name: string, seconds: number, body: string): string {
  return `    <testcase classname="synod.${xmlEscape(classname)}" name="${xmlEscape(name)}" time="${seconds.toFixed(3)}">\n${body}    </testcase>\n`;
}

export function junitXml(results: readonly CheckResult[], notRun: readonly NotRun[] = []): string {
  const failures = results.filter((r) => !r.asExpected && r.verdict !== 'incomplete').length;
  const errors = results.filter((r) => !r.asExpected && r.verdict === 'incomplete').length;
  const tests = results.length + notRun.length;
  const time = results.reduce((t, r) => t + r.seconds, 0);
  const cases = results.map((r) => {
    const out = `      <system-out>${xmlEscape(summaryLines(r).join('\n'))}</system-out>\n`;
    let verdict = '';
    if (!r.asExpected && r.verdict === 'incomplete') {
      const why = r.limit === 'interrupted' ? 'interrupted by a signal: cut short' : `search stopped at the ${r.limit ?? ''} limit before finishing`;
      verdict = `      <error type="${r.limit === 'interrupted' ? 'interrupted' : 'incomplete'}" message="${xmlEscape(`${why}; expected ${r.expected}`)}"/>\n`;
    } else if (!r.asExpected) {
      const got = r.verdict === 'violation' ? `violation of ${r.property ?? '?'}: ${r.message ?? ''}` : r.vacuous !== undefined ? `a vacuous pass (${r.message ?? ''})` : r.verdict;
      verdict = `      <failure type="${xmlEscape(r.verdict)}" message="${xmlEscape(`expected ${r.expected}, got ${got}`)}"/>\n`;
    }
    return testcase(r.protocol, r.spec, r.seconds, verdict + out);
  });
  const skipped = notRun.map((s) => testcase(s.protocol, s.spec, 0, '      <skipped message="not run: the run was interrupted by a signal"/>\n'));
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${notRun.length}" time="${time.toFixed(3)}"`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="synod check" ${counts}>\n` +
    `  <testsuite name="synod check" ${counts}>\n` +
    cases.join('') +
    skipped.join('') +
    '  </testsuite>\n</testsuites>\n'
  );
}
