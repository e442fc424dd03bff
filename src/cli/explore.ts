/**
 * `synod explore SPEC [--port N]`: serves the explorer on 127.0.0.1 until
 * Ctrl-C. Thin: the spec is loaded as `synod check` loads it, the engine is
 * src/checker/explore, the page src/checker/report/explorer-page.ts.
 *   GET /                   the page (?path=3.0.1 reopens a world)
 *   GET /api/world?path=P   that world: diagram, states, properties, enabled events
 *   GET /api/counterexample the shortest counterexample as a path (searched on first request)
 */
import { interruptedBy } from '../checker/interrupt.js';
import { EXIT } from './errors.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openSession, parsePath, PathError, type ExplorerSession } from '../checker/explore/session.js';
import { paramText } from '../checker/report/dot-header.js';
import { renderDiagram } from '../checker/report/diagram.js';
import { explorerPage } from '../checker/report/explorer-page.js';
import { inlineSvg } from '../checker/report/html.js';
import { pageData } from '../checker/report/page-data.js';
import type { LoadedSpec } from '../checker/spec.js';
import { loadSpecs } from './check.js';
import { InputError } from './spec-files.js';

export interface ExploreArgs {
  /** A spec file (loaded as `synod check` loads it), or a spec already loaded (a protocol of one's own, from code). */
  readonly spec: string | LoadedSpec;
  /** 0: any free port. */
  readonly port: number;
}

export interface Explorer {
  readonly url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

async function world(session: ExplorerSession, query: URLSearchParams): Promise<unknown> {
  const view = session.at(parsePath(query.get('path') ?? ''));
  const usesTime = session.spec.settings.time !== null;
  const { svg } = await renderDiagram(view.trace, { usesTime });
  const labels = session.valence();
  return {
    path: view.path,
    data: pageData(view.trace, usesTime),
    svg: inlineSvg(svg),
    successors: view.successors,
    values: labels?.values ?? [],
    ...(view.valence === undefined ? {} : { valence: view.valence }),
  };
}

async function route(session: ExplorerSession, page: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only');
  if (url.pathname === '/') return send(res, 200, 'text/html', page);
  try {
    if (url.pathname === '/api/world') return send(res, 200, 'application/json', JSON.stringify(await world(session, url.searchParams)));
    if (url.pathname === '/api/counterexample') return send(res, 200, 'application/json', JSON.stringify(session.counterexample()));
  } catch (e) {
    if (e instanceof PathError) return send(res, 400, 'application/json', JSON.stringify({ error: e.message }));
    return send(res, 500, 'application/json', JSON.stringify({ error: `synod explore: ${(e as Error).message}` }));
  }
  send(res, 404, 'text/plain', 'not found');
}

/** Loads the spec and listens on 127.0.0.1; the caller prints the URL and closes it. */
export async function startExplorer(args: ExploreArgs): Promise<Explorer> {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new InputError(`--port must be an integer from 0 to 65535 (got ${args.port})`);
  const specs = typeof args.spec === 'string' ? await loadSpecs([args.spec]) : [args.spec];
  if (specs.length !== 1) throw new InputError(`${String(args.spec)}: explore takes one spec file (found ${specs.length})`);
  const spec = specs[0];
  const session = openSession(spec);
  const labels = session.valence();
  const page = explorerPage(spec.name, paramText({ protocol: spec.protocol.name, params: spec.params, bugs: spec.bugs, network: spec.settings.network }), labels === null || labels.incomplete !== undefined ? null : labels.values);
  const server = createServer((req, res) => void route(session, page, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new InputError(`port ${args.port} on 127.0.0.1 is in use: choose another with --port`) : e),
    );
    server.listen(args.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function runExplore(args: ExploreArgs & { readonly spec: string }, print: (line: string) => void): Promise<number> {
  const explorer = await startExplorer(args);
  print(`synod explore: ${args.spec} at ${explorer.url} (Ctrl-C stops)`);
  // The command runs on a thread of its own (program.ts); a signal reaches it as the shared interrupt flag.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (interruptedBy() === 0) return;
      clearInterval(poll);
      resolve();
    }, 50);
  });
  await explorer.close();
  return interruptedBy() === 15 ? EXIT.sigterm : EXIT.sigint;
}
