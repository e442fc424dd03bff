/**
 * Objects the data guard has checked to be JSON data and deep-frozen, so
 * that a new value that shares them with one interned before (a state
 * built from its predecessor keeps most of its sub-objects) is checked and
 * frozen only where it is new. Sound because a sealed object is frozen all
 * the way down: nothing in it can change after it was checked.
 *
 * Two generations of WeakSets, the older dropped when the newer is full:
 * memory stays bounded, and an object that fell out is merely checked again.
 */
const GENERATION = 1 << 16;

let recent = new WeakSet<object>();
let older = new WeakSet<object>();
let count = 0;

/** Whether o was sealed (checked and deep-frozen) not long ago. */
export function isSealed(o: object): boolean {
  return Object.isFrozen(o) && (recent.has(o) || older.has(o));
}

/** For deepFreeze: true for an object sealed before (not walked again); otherwise marks it and lets deepFreeze freeze it and what it holds. */
export function sealOnce(o: object): boolean {
  if (isSealed(o)) return true;
  if (++count > GENERATION) {
    older = recent;
    recent = new WeakSet<object>();
    count = 1;
  }
  recent.add(o);
  return false;
}
