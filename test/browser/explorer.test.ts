import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { validateSpec, type AnyProtocol } from '../../src/index.js';
import { startExplorer, type Explorer } from '../../src/cli/explore.js';
import { twoVoters } from './user-protocol.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { hasChromium, launch, screenshotDir } from './chromium.js';

/** Clicks an enabled event by its label and waits for the world it leads to. */
async function pick(page: Page, label: string): Promise<void> {
  const before = await page.textContent('#where');
  await page.locator('#successors button', { hasText: label }).first().click();
  await page.waitForFunction((b) => document.querySelector('#where')?.textContent !== b, before);
}

describe.runIf(hasChromium)('the explorer in Chromium', { timeout: 180_000 }, () => {
  let explorer: Explorer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    explorer = await startExplorer({ spec: 'spec/paxos/ignore-promised-values.json', port: 0 });
    browser = await launch();
    page = await browser.newPage();
    await page.goto(explorer.url);
    await page.waitForSelector('#successors button');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });

  it('serves on 127.0.0.1 and starts at the initial world with its enabled events', async () => {
    expect(explorer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page.textContent('#step-label')).toBe('Initial state');
    const events = await page.locator('#successors button').allTextContents();
    // Two proposers, each may start either of its two ballots; nothing is on the network yet.
    expect(events.map((e) => e.replace(/ {2}\[.*\]$/, ''))).toEqual(['p1 starts ballot 1 with v1', 'p1 starts ballot 3 with v1', 'p2 starts ballot 2 with v2', 'p2 starts ballot 4 with v2']);
    expect(await page.textContent('#valence')).toBe('this world is bivalent {v1, v2}');
  });

  it('takes a picked event, shows its successors, and puts the path in the address', async () => {
    await pick(page, 'p1 starts ballot 1 with v1');
    expect(await page.textContent('#step-label')).toBe('Step 1 of 1: p1 starts ballot 1 with v1');
    expect(await page.textContent('tr[data-node="p1"] .changes')).toContain('ballot: 0 → 1');
    expect(await page.locator('#successors button', { hasText: 'deliver 1a(b=1) p1→a3' }).count()).toBe(1);
    await pick(page, 'deliver 1a(b=1) p1→a3');
    expect(await page.textContent('#step-label')).toBe('Step 2 of 2: deliver 1a(b=1) p1→a3');
    expect(new URL(page.url()).searchParams.get('path')).toMatch(/^0\.\d+$/);
    await pick(page, 'p2 starts ballot 2 with v2');
    await pick(page, 'deliver 1a(b=2) p2→a1');
    const shot = join(screenshotDir(), 'explorer.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    await page.click('#back');
    await page.waitForFunction(() => document.querySelector('#where')?.textContent === '3 steps');
    await page.click('#back');
    await page.waitForFunction(() => document.querySelector('#where')?.textContent === '2 steps');
  });

  it('goes back', async () => {
    await page.click('#back');
    await page.waitForFunction(() => document.querySelector('#where')?.textContent === '1 step');
    expect(await page.textContent('#step-label')).toBe('Step 1 of 1: p1 starts ballot 1 with v1');
  });

  it('reopens the same world from a shared link', async () => {
    await pick(page, 'deliver 1a(b=1) p1→a2');
    const link = await page.inputValue('#link');
    const states = await page.textContent('table.nodes');
    const other = await browser.newPage();
    await other.goto(link);
    await other.waitForSelector('#successors button');
    expect(await other.textContent('#step-label')).toBe('Step 2 of 2: deliver 1a(b=1) p1→a2');
    expect(await other.textContent('table.nodes')).toBe(states);
    await other.close();
  });

  it('jumps to the shortest counterexample and shows the broken invariant there', async () => {
    await page.waitForFunction(() => (document.querySelector('#cx') as HTMLButtonElement | null)?.disabled === false);
    expect(await page.textContent('#cx')).toBe('jump to the shortest counterexample (16 steps, agreement)');
    await page.click('#cx');
    await page.waitForFunction(() => document.querySelector('#where')?.textContent === '16 steps');
    expect(await page.getAttribute('#props li[data-property="agreement"]', 'data-status')).toBe('fail');
    expect(await page.textContent('#props li[data-property="agreement"]')).toContain('two values chosen: v1 and v2');
  });

  it('answers a path that leaves the enabled events with an error, not a world', async () => {
    const r = await fetch(`${explorer.url}api/world?path=0.999`);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toBe('no such path: 0.999 (it leaves the enabled events)');
  });
});

describe.runIf(hasChromium)('the explorer on a protocol of a user\'s own', { timeout: 180_000 }, () => {
  let explorer: Explorer;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const lookup = (name: string): AnyProtocol | undefined => (name === 'two-voters' ? (twoVoters as unknown as AnyProtocol) : undefined);
    const spec = validateSpec('mine.json', { protocol: 'two-voters', bugs: ['eagerCommit'], network: 'multiset', expect: { violates: 'atomic' } }, lookup);
    explorer = await startExplorer({ spec, port: 0 });
    browser = await launch();
    page = await browser.newPage();
    await page.goto(explorer.url);
    await page.waitForSelector('#successors button');
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });

  it('steps it, colours events by valence, and marks the step that breaks its invariant', async () => {
    expect(await page.textContent('#valence')).toBe('this world is bivalent {commit, abort}');
    await pick(page, 'v1 votes yes');
    await pick(page, 'v2 votes no');
    const events = await page.locator('#successors button').allTextContents();
    expect(events).toEqual(['deliver vote(yes) v1→c  ✗ breaks atomic  [decided commit]', 'deliver vote(no) v2→c  [decided abort]']);
    expect(await page.getAttribute('#successors button[data-ordinal="0"]', 'class')).toBe('bad');
    await pick(page, 'deliver vote(yes) v1→c');
    expect(await page.getAttribute('#props li[data-property="atomic"]', 'data-status')).toBe('fail');
    expect(await page.textContent('#props li[data-property="atomic"]')).toContain('v2 voted no');
  });

  it('jumps to its shortest counterexample', async () => {
    await page.waitForFunction(() => (document.querySelector('#cx') as HTMLButtonElement | null)?.disabled === false);
    expect(await page.textContent('#cx')).toBe('jump to the shortest counterexample (3 steps, atomic)');
  });
});
