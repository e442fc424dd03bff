import { describe, expect, it } from 'vitest';
import { spaceTimeDot } from '../../../src/checker/report/dot.js';
import { renderSvg } from '../../../src/checker/report/svg.js';
import { pingPong, toySpec } from '../toys.js';
import { walk } from './walk.js';

describe('SVG rendering (WASM Graphviz, in-process)', () => {
  it('renders the diagram with the node names, in a monospace font, the same every time', async () => {
    const t = walk(toySpec(pingPong), ['n1 pings', 'deliver ping n1→n2'], { property: 'neverPinged', message: 'n2 was pinged', witnesses: [] });
    const dot = spaceTimeDot(t);
    const svg = await renderSvg(dot);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    expect(svg).toContain('>n1 (node)<');
    expect(svg).toContain('>n2 (node)<');
    expect(svg).toContain('VIOLATED: neverPinged');
    expect(svg).toContain("font-family=\"Courier, 'DejaVu Sans Mono', 'Liberation Mono', monospace\"");
    expect(await renderSvg(dot)).toBe(svg);
  });
});
