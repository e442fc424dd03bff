import { describe, expect, it } from 'vitest';
import { htmlTrace, scriptJson } from '../../../src/checker/report/html.js';
import { pageData, timelineOf } from '../../../src/checker/report/page-data.js';
import { pingPong, toySpec } from '../toys.js';
import { walk } from './walk.js';

describe('page data (HTML trace and explorer)', () => {
  const spec = toySpec(pingPong, { network: 'multiset', faults: { crash: 1 } });
  const violation = { property: 'neverPinged', message: 'n2 was pinged', witnesses: ['n2 got 1'] };
  const t = walk(spec, ['n1 pings', 'deliver ping n1→n2', 'n1 crashes'], violation);

  it('has one world per state, with what each step changed in each node', () => {
    const d = pageData(t, false);
    expect(d.worlds.map((w) => w.label)).toEqual(['initial state', 'n1 pings', 'deliver ping n1→n2', 'n1 crashes']);
    expect(d.worlds[1].nodes[0].changes).toEqual(['sent: false → true']);
    expect(d.worlds[1].sent).toEqual(['ping n1→n2']);
    expect(d.worlds[2].nodes[1].changes).toEqual(['got: 0 → 1']);
    expect(d.worlds[2].nodes[0].changes).toEqual([]);
    expect(d.worlds[3].nodes[0].changes[0]).toBe('goes down');
    expect(d.worlds[1].network).toEqual(['ping n1→n2']);
  });

  it('puts a trace without a property timeline\'s violation at its last world only', () => {
    const tl = timelineOf(t);
    expect(tl.list.map((p) => p.name)).toEqual(['neverPinged']);
    expect(tl.worlds.map((w) => w[0]?.property ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'neverPinged']);
    const given = { list: [{ name: 'p', description: 'd', kind: 'invariant' as const }], worlds: [[null], [violation], [null], [null]] };
    expect(timelineOf({ ...t, properties: given })).toBe(given);
  });

  it('embeds the data so that no text in it can end the script element', () => {
    expect(scriptJson({ a: '</script><b>' })).toBe('{"a":"\\u003c/script>\\u003cb>"}');
    const page = htmlTrace({ ...t, spec: 'x</script>' }, '<?xml version="1.0"?><svg id="s"></svg>', { usesTime: false });
    expect(page).toContain('<div id="diagram"><svg id="s"></svg></div>');
    expect(page).not.toContain('<?xml');
    expect(page).toContain('<title>x&lt;/script&gt;: violates neverPinged</title>');
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });
});
