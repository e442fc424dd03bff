/**
 * Module loader hook for one mutant: the compiled module at `target` is
 * served from `source` (the mutated file, transpiled) instead of disk, so a
 * mutant costs no build and no copy of dist/.
 */
interface Data {
  readonly target: string;
  readonly source: string;
}

let data: Data | undefined;

export function initialize(d: Data): void {
  data = d;
}

type Next = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: Next): Promise<unknown> {
  if (data !== undefined && url === data.target) return { format: 'module', source: data.source, shortCircuit: true };
  return next(url, context);
}
