/**
 * Every network under networks/ and every experiment spec under
 * experiments/ loads, and a short Raft run on each network keeps every
 * safety property; the networks' faults take effect.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../../src/checker/netsim/network.js';
import { netsimSpec } from '../../../src/checker/netsim/run.js';
import { netsimSettings, placeNodes } from '../../../src/checker/netsim/settings.js';
import { parseSpec, validateSpec } from '../../../src/checker/spec.js';
import { findProtocol } from '../../../src/model/registry.js';

const networks = readdirSync('networks').filter((f) => f.endsWith('.json'));
const raft = validateSpec(
  'raft.json',
  {
    protocol: 'raft',
    params: { servers: 5, maxTerm: 1000, maxLog: 1000, values: 1 },
    netsim: {
      timers: { election: { uniform: [300, 600] }, heartbeat: { constant: 50 } },
      clients: { interval: { constant: 100 }, timeout: 2000 },
      duration: 30_000,
    },
    expect: 'pass',
  },
  findProtocol,
);

describe('shipped networks and experiments', { timeout: 300_000 }, () => {
  it('ships the five networks the issue names', () => {
    expect(networks.sort()).toEqual(['asymmetric.json', 'edge.json', 'five-regions.json', 'lan.json', 'raft-2020-partial.json']);
  });

  it.each(networks)('%s: Raft runs 30 s on it with every safety property holding', (f) => {
    const net = parseNetwork(f, readFileSync(join('networks', f), 'utf8'));
    const r = netsimSpec(raft, net);
    expect(r.violation).toBeUndefined();
    expect(r.runs[0].committed).toBeGreaterThan(0);
    if (net.schedule.length > 0) expect(r.first.cuts.some((c) => c.cuts > 0)).toBe(true);
  });

  it('the edge network cuts two sites off every 30 s for 10 s', () => {
    const net = parseNetwork('edge.json', readFileSync('networks/edge.json', 'utf8'));
    const r = netsimSpec(raft, net, { duration: 60_000 });
    expect(r.first.cuts.map((c) => [c.t, c.cuts])).toEqual([[0, 0], [10_000, 12], [20_000, 0], [40_000, 12], [50_000, 0]]);
    expect(r.runs[0].recoveries.map((x) => x.fault)).toHaveLength(4);
  });

  it('five-regions.json holds the ten published round trips (Google Cloud Performance Dashboard, 27 Nov 2023), halved one way', () => {
    const net = parseNetwork('five-regions.json', readFileSync('networks/five-regions.json', 'utf8'));
    // us-west1, southamerica-east1, europe-west2, asia-east1, australia-southeast1; Oregon-Sydney is 137 / 136 ms by direction.
    const rtt: [string, string, number][] = [
      ['oregon', 'sao-paulo', 169], ['oregon', 'london', 126], ['oregon', 'taiwan', 119], ['oregon', 'sydney', 136.5],
      ['sao-paulo', 'london', 190], ['sao-paulo', 'taiwan', 285], ['sao-paulo', 'sydney', 294],
      ['london', 'taiwan', 217], ['london', 'sydney', 263], ['taiwan', 'sydney', 130],
    ];
    for (const [a, b, ms] of rtt) {
      for (const [x, y] of [[a, b], [b, a]]) {
        const l = net.link(x, y);
        expect([x, y, l.latency]).toEqual([x, y, { kind: 'lognormal', median: ms / 2, sigma: 0.05, min: 0 }]);
        expect(l.loss).toBe(0);
      }
    }
  });

  const experiments = JSON.parse(readFileSync('experiments/index.json', 'utf8')) as { folder: string; specs: string[] }[];
  it.each(experiments.flatMap((e) => e.specs.map((s) => join('experiments', e.folder, s))))('%s loads with its network and placement', (file) => {
    const spec = parseSpec(file, readFileSync(file, 'utf8'), findProtocol);
    const s = netsimSettings(spec);
    expect(s.networkFile).toBeDefined();
    const netFile = join(file, '..', s.networkFile as string);
    const net = parseNetwork(netFile, readFileSync(netFile, 'utf8'));
    expect(Object.keys(placeNodes(spec, s, net))).toHaveLength(spec.protocol.nodes(spec.config).length);
  });
});
