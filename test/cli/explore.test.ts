/** `synod explore` as a user runs it: one line with the URL, answers on 127.0.0.1, Ctrl-C (SIGINT) ends it with 130, the conventional code. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(process.cwd(), 'dist/src/cli/main.js');

describe('synod explore', { timeout: 120_000 }, () => {
  it('prints one line with its URL, serves the page and worlds, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [main, 'explore', 'spec/paxos/amnesia.json', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!out.includes('\n')) await new Promise((r) => setTimeout(r, 50));
    const m = /^synod explore: spec\/paxos\/amnesia\.json at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C stops\)\n$/.exec(out);
    expect(m).not.toBeNull();
    const url = m?.[1] ?? '';
    const page = await fetch(url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('explore paxos/amnesia');
    const w = (await (await fetch(`${url}api/world?path=0`)).json()) as { path: number[]; successors: { label: string }[] };
    expect(w.path).toEqual([0]);
    expect(w.successors.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it("explores a user's protocol named by module path in the spec, and jumps to its counterexample", async () => {
    // examples/two-phase-commit: the spec names ../dist/protocol.js (compiled by npm test), outside the registry.
    const spec = 'examples/two-phase-commit/specs/commit-on-first-yes.json';
    const child = spawn(process.execPath, [main, 'explore', spec, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (!out.includes('\n') && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    expect(err).toBe('');
    const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
    expect(url).not.toBe('');
    const w = (await (await fetch(`${url}api/world?path=`)).json()) as { successors: { label: string }[] };
    expect(w.successors.map((s) => s.label).join('\n')).toMatch(/tm/);
    const cx = (await (await fetch(`${url}api/counterexample`)).json()) as { path: number[] | null };
    expect(cx.path).not.toBeNull();
    const end = (await (await fetch(`${url}api/world?path=${(cx.path ?? []).join('.')}`)).json()) as Record<string, unknown>;
    expect(JSON.stringify(end)).toContain('atomicity');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it('refuses a bad port or a missing spec with one line and exit 2', () => {
    for (const args of [['explore', 'spec/paxos/amnesia.json', '--port', '-1'], ['explore', 'spec/nope.json', '--port', '0']]) {
      const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^synod: /);
    }
  });
});
