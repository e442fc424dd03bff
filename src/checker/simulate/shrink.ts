/**
 * Shrink candidates for a violating walk, handed to fast-check ahead of its
 * own array shrinks. fast-check's array shrinker drops leading elements or
 * lowers one choice at a time; for a walk both re-randomise every later step
 * (a choice means "the k-th successor", and the successors change), so a long
 * walk barely shrinks. These candidates keep the walk's meaning instead:
 *
 * 1. the same walk with every choice reduced modulo its number of successors
 *    and the choices after the violation cut off (always still violating);
 * 2. the walk with a chunk of steps cut out (halves, quarters, ... single
 *    steps, as in delta debugging), then with any two steps cut out, the
 *    remaining steps replayed by what they did (Walker.follow), so a later
 *    "deliver m" still delivers m.
 *
 * Only candidates that still break the same property, in fewer steps, are
 * offered: fast-check accepts the first, then asks again from there.
 * Everything here is a function of the walk, so a fast-check replay path
 * through these candidates replays exactly.
 */
import type { Walker } from './walk.js';

export function* walkShrinks(walker: Walker, value: readonly number[]): Generator<number[]> {
  const out = walker.run(value, true);
  if (out.broken === null) return;
  const property = out.broken.property;
  const n = out.path.length;
  if (out.picks.length < value.length || out.picks.some((p, k) => p !== value[k])) yield [...out.picks];
  for (let size = Math.max(1, n >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    for (let start = 0; start + size <= n; start += size) {
      const kept = [...out.actions.slice(0, start), ...out.actions.slice(start + size)];
      const cut = walker.follow(out.pace, kept);
      if (cut.broken !== null && cut.broken.property === property && cut.path.length < n) yield [...cut.picks];
    }
  }
  // At a walk no single cut shortens, two steps may still go together (a request and the reply it caused).
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const kept = out.actions.filter((_, k) => k !== i && k !== j);
      const cut = walker.follow(out.pace, kept);
      if (cut.broken !== null && cut.broken.property === property && cut.path.length < n) yield [...cut.picks];
    }
  }
}
