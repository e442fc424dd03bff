/** A bound on how deeply parsed JSON may nest: validation and reporting recurse, and a hostile file must get a clear error, not a stack overflow. */

/** Spec files and traces nest a handful of levels; 64 is generous and far from any stack limit. */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests deeper than `limit` objects or arrays (measured without recursion). */
export function nestsDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return false;
}
