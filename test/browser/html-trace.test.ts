import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { checkSpec } from '../../src/checker/run.js';
import { loadSpecs } from '../../src/cli/check.js';
import { writeCounterexample } from '../../src/cli/write-trace.js';
import { hasChromium, INSTALL, launch, mustRun, screenshotDir } from './chromium.js';

describe.runIf(mustRun && !hasChromium)('browser tests under CI', () => {
  it('need chromium', () => {
    throw new Error(`/usr/bin/chromium is missing: ${INSTALL}`);
  });
});

describe.runIf(hasChromium)('the HTML counterexample in Chromium', { timeout: 120_000 }, () => {
  let browser: BrowserContext;
  let page: Page;
  let url: string;
  const requests: string[] = [];

  beforeAll(async () => {
    const [spec] = loadSpecs(['spec/paxos/ignore-promised-values.json']);
    const r = checkSpec(spec);
    if (r.trace === undefined) throw new Error('expected a counterexample');
    const files = await writeCounterexample(mkdtempSync(join(tmpdir(), 'synod-html-')), r.trace, { usesTime: false, html: true });
    url = pathToFileURL(files.html ?? '').href;
    browser = await launch();
    page = await browser.newPage();
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(url);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  const label = (): Promise<string | null> => page.textContent('#step-label');
  const status = (p: string): Promise<string | null> => page.getAttribute(`#props li[data-property="${p}"]`, 'data-status');

  it('opens from disk at the initial state, loading nothing else', async () => {
    expect(await label()).toBe('Initial state');
    expect(await page.textContent('#where')).toBe('step 0 / 16');
    expect(requests).toEqual([url]);
  });

  it('steps forward with the keyboard and the buttons, highlighting the step and showing what changed', async () => {
    await page.keyboard.press('ArrowRight');
    expect(await label()).toBe('Step 1 of 16: p1 starts ballot 1 with v1');
    expect(await page.getAttribute('#ev1', 'class')).toContain('current');
    expect(await page.textContent('tr[data-node="p1"] .changes')).toContain('ballot: 0 → 1');
    await page.click('#next');
    await page.click('#next');
    expect(await label()).toBe('Step 3 of 16: deliver 1a(b=1) p1→a3');
    expect(await page.textContent('tr[data-node="a3"] .changes')).toContain('promised: 0 → 1');
    expect(await page.getAttribute('#ev1', 'class')).not.toContain('current');
    expect(await page.getAttribute('#ev3', 'class')).toContain('current');
  });

  it('steps back', async () => {
    await page.keyboard.press('ArrowLeft');
    expect(await label()).toBe('Step 2 of 16: p2 starts ballot 2 with v2');
    await page.click('#prev');
    expect(await label()).toBe('Step 1 of 16: p1 starts ballot 1 with v1');
  });

  it('shows the violated invariant and its witnesses at the violating step, and that it held just before', async () => {
    await page.keyboard.press('End');
    expect(await label()).toBe('Step 16 of 16: deliver 2b(b=1, v1) a2→p1');
    expect(await status('agreement')).toBe('fail');
    expect(await page.textContent('#props li[data-property="agreement"]')).toContain('v2 chosen by {a1,a2} at ballot 2');
    expect(await status('validity')).toBe('ok');
    expect(await page.textContent('#network summary')).toBe('7 messages on the network');
    expect(await page.isVisible('#network div')).toBe(false);
    await page.click('#network summary');
    expect(await page.locator('#network div').allTextContents()).toContain('2a(b=2, v2) p2→a1');
    const shot = join(screenshotDir(), 'html-trace.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    await page.keyboard.press('ArrowLeft');
    expect(await status('agreement')).toBe('ok');
  });

  it('reopens the step named in the address', async () => {
    const other = await browser.newPage();
    await other.goto(`${url}#step=5`);
    expect(await other.textContent('#step-label')).toBe('Step 5 of 16: deliver 1a(b=2) p2→a1');
    expect(await other.getAttribute('#ev5', 'class')).toContain('current');
    await other.close();
  });
});
